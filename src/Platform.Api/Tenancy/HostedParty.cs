using Platform.Ocpi;

namespace Platform.Api.Tenancy;

/// <summary>A party hosted on this platform (a tenant).</summary>
public sealed class HostedParty
{
    public long Id { get; init; }
    public string CountryCode { get; init; } = "";
    public string PartyId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Roles { get; init; } = "";
    public long? ParentId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public IReadOnlyList<Role> RoleList => PartyRoles.Parse(Roles).ToList();

    public string Key => PartyKey.Of(CountryCode, PartyId);

    /// <summary>The party as a connection that serves only <paramref name="role"/> of it sees it.</summary>
    public HostedParty As(Role role) => new()
    {
        Id = Id, CountryCode = CountryCode, PartyId = PartyId, Name = Name, Roles = role.ToString(), ParentId = ParentId, CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}

/// <summary>The <c>NL*ABC</c> form used in admin paths, lists and key columns (upper-case).</summary>
public static class PartyKey
{
    public static string Of(string countryCode, string partyId) => $"{CiString.Key(countryCode)}*{CiString.Key(partyId)}";

    public static bool TryParse(string? text, out string countryCode, out string partyId)
    {
        countryCode = partyId = "";
        var parts = text?.Split('*');
        if (parts is not [var cc, var pid] || cc.Length != 2 || pid.Length != 3) return false;
        (countryCode, partyId) = (cc, pid);
        return true;
    }
}

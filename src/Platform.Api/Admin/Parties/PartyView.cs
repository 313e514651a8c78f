namespace Platform.Api.Admin.Parties;

/// <summary>A hosted party as the admin API shows it.</summary>
public sealed record PartyView(string CountryCode, string PartyId, IReadOnlyList<Role> Roles, string Name, string? Parent,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static PartyView Of(HostedParty p, IReadOnlyDictionary<long, HostedParty>? all = null) =>
        new(p.CountryCode, p.PartyId, p.RoleList, p.Name,
            p.ParentId is { } parent && all is not null && all.TryGetValue(parent, out var par) ? par.Key : null,
            p.CreatedAt, p.UpdatedAt);
}

using Platform.Ocpi.Model.Sessions;

namespace Platform.Ocpi.Model.Tokens;

/// <summary>
/// 2.2.1 mod_tokens §Token object. Identity is (country_code, party_id, uid, type); never deleted, invalidated
/// with <c>valid</c> false.
/// </summary>
public sealed record Token
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Uid { get; init; }
    public TokenType? Type { get; init; }
    public string? ContractId { get; init; }
    public string? VisualNumber { get; init; }
    public string? Issuer { get; init; }
    public string? GroupId { get; init; }
    public bool? Valid { get; init; }
    public WhitelistType? Whitelist { get; init; }
    public string? Language { get; init; }
    public ProfileType? DefaultProfileType { get; init; }
    public EnergyContract? EnergyContract { get; init; }
    public DateTime? LastUpdated { get; init; }
}

public enum TokenType
{
    AD_HOC_USER,
    APP_USER,
    OTHER,
    RFID,
}

public enum WhitelistType
{
    ALWAYS,
    ALLOWED,
    ALLOWED_OFFLINE,
    NEVER,
}

using Platform.Ocpi.Model.Tokens;

namespace Platform.Ocpi.Model.Sessions;

/// <summary>
/// 2.2.1 mod_cdrs §CdrToken, shared by Session and CDR. <c>country_code</c>/<c>party_id</c> are new in 2.2.1 and
/// required: they name the eMSP that owns the token (the tag's session and CDR examples lack them, digest §6.3).
/// </summary>
public sealed record CdrToken
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Uid { get; init; }
    public TokenType? Type { get; init; }
    public string? ContractId { get; init; }
}

/// <summary>2.2.1 mod_cdrs §AuthMethod.</summary>
public enum AuthMethod
{
    AUTH_REQUEST,
    COMMAND,
    WHITELIST,
}

using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Tokens;

/// <summary>2.2.1 mod_tokens §AuthorizationInfo: the answer to POST {tokens}/{uid}/authorize.</summary>
public sealed record AuthorizationInfo
{
    public AllowedType? Allowed { get; init; }
    public Token? Token { get; init; }
    /// <summary>Only the EVSEs the token may use.</summary>
    public LocationReferences? Location { get; init; }
    public string? AuthorizationReference { get; init; }
    public DisplayText? Info { get; init; }
}

public enum AllowedType
{
    ALLOWED,
    BLOCKED,
    EXPIRED,
    NO_CREDIT,
    NOT_ALLOWED,
}

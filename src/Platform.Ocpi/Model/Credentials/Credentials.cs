using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Credentials;

/// <summary>
/// 2.2.1 credentials §Credentials object. <c>token</c> is the raw token the other party must call us with
/// (never Base64 here), <c>url</c> our versions endpoint, <c>roles</c> every party served on this connection.
/// </summary>
public sealed record Credentials
{
    public string? Token { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<CredentialsRole>? Roles { get; init; }
}

/// <summary>2.2.1 credentials §CredentialsRole.</summary>
public sealed record CredentialsRole
{
    public Role? Role { get; init; }
    public BusinessDetails? BusinessDetails { get; init; }
    public string? PartyId { get; init; }
    public string? CountryCode { get; init; }
}

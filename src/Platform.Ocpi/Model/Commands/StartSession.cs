using Platform.Ocpi.Model.Tokens;

namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §StartSession. <c>connector_id</c> needs <c>evse_uid</c>.</summary>
public sealed record StartSession
{
    public string? ResponseUrl { get; init; }
    public Token? Token { get; init; }
    public string? LocationId { get; init; }
    public string? EvseUid { get; init; }
    public string? ConnectorId { get; init; }
    public string? AuthorizationReference { get; init; }
}

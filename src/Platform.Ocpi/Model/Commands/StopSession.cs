namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §StopSession.</summary>
public sealed record StopSession
{
    public string? ResponseUrl { get; init; }
    public string? SessionId { get; init; }
}

using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Commands;

/// <summary>
/// 2.2.1 mod_commands §CommandResponse: the CPO's synchronous answer (could the command be forwarded), not the
/// charger's. <c>timeout</c> is how many seconds the eMSP waits for the CommandResult.
/// </summary>
public sealed record CommandResponse
{
    public CommandResponseType? Result { get; init; }
    public int? Timeout { get; init; }
    public IReadOnlyList<DisplayText>? Message { get; init; }
}

public enum CommandResponseType
{
    NOT_SUPPORTED,
    REJECTED,
    ACCEPTED,
    UNKNOWN_SESSION,
}

using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §CommandResult: POSTed unwrapped to the command's response_url.</summary>
public sealed record CommandResult
{
    public CommandResultType? Result { get; init; }
    public IReadOnlyList<DisplayText>? Message { get; init; }
}

public enum CommandResultType
{
    ACCEPTED,
    CANCELED_RESERVATION,
    EVSE_OCCUPIED,
    EVSE_INOPERATIVE,
    FAILED,
    NOT_SUPPORTED,
    REJECTED,
    TIMEOUT,
    UNKNOWN_RESERVATION,
}

namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §CommandType: the URL segment of the command POST.</summary>
public enum CommandType
{
    CANCEL_RESERVATION,
    RESERVE_NOW,
    START_SESSION,
    STOP_SESSION,
    UNLOCK_CONNECTOR,
}

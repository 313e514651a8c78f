using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

/// <summary>The OCPI objects whose shape differs between versions; <see cref="None"/> passes unchanged.</summary>
public enum WireKind
{
    None,
    Location,
    Evse,
    Connector,
    Session,
    Cdr,
    Tariff,
    Token,
    AuthorizationInfo,
    LocationReferences,
    Credentials,
    CommandResponse,
    CommandResult,
    StartSession,
    StopSession,
    ReserveNow,
    CancelReservation,
    UnlockConnector,
}

/// <summary>
/// The two sides of one translated message: <see cref="Ours"/> the hosted party, <see cref="Theirs"/> the peer's party
/// (the data owner in a Receiver URL), <see cref="TheirRole"/> the peer's role where the version does not say it (2.1.1),
/// and, for a Session or CDR sent to a 2.1.1 peer, the CPO's <see cref="Location"/> it happened at (2.1.1 carries it whole);
/// <see cref="PatchReadAt"/> is when a PATCH body being read arrived (2.1.1 PATCHes need no last_updated; 2.2.1's do).
/// </summary>
public sealed record WireContext(string Version, PartyRef? Ours, PartyRef? Theirs, Role? TheirRole = null, JsonObject? Location = null,
    DateTime? PatchReadAt = null);

/// <summary>A 2.2.1 object that the peer's version cannot express (a credit CDR for 2.1.1): not sent, and the reason recorded.</summary>
public sealed class WireUnsupportedException(string message) : Exception(message);

/// <summary>One version's translation of each <see cref="WireKind"/> to and from the 2.2.1 model the stores keep.</summary>
public interface IWireTranslator
{
    string Version { get; }

    /// <summary>
    /// A 2.2.1 object (or a delta of one) as the peer's version writes it. One object: a page is translated item by
    /// item at the edge (<see cref="WireEdge.AnswerAsync"/>), so an item the version cannot say leaves the page alone.
    /// </summary>
    JsonNode ToPeer(WireKind kind, JsonNode node, WireContext context);

    /// <summary>What the peer sent, as the 2.2.1 object the handlers, validators and stores know.</summary>
    JsonNode FromPeer(WireKind kind, JsonNode node, WireContext context);
}

/// <summary>Which <see cref="WireKind"/> a body or an answer is, from the module and the path below its endpoint.</summary>
public static class WireKinds
{
    private static readonly Dictionary<Type, WireKind> ByType = new()
    {
        [typeof(Platform.Ocpi.Model.Locations.Location)] = WireKind.Location,
        [typeof(Platform.Ocpi.Model.Locations.Evse)] = WireKind.Evse,
        [typeof(Platform.Ocpi.Model.Locations.Connector)] = WireKind.Connector,
        [typeof(Platform.Ocpi.Model.Sessions.Session)] = WireKind.Session,
        [typeof(Platform.Ocpi.Model.Cdrs.Cdr)] = WireKind.Cdr,
        [typeof(Platform.Ocpi.Model.Tariffs.Tariff)] = WireKind.Tariff,
        [typeof(Platform.Ocpi.Model.Tokens.Token)] = WireKind.Token,
        [typeof(Platform.Ocpi.Model.Tokens.LocationReferences)] = WireKind.LocationReferences,
        [typeof(Platform.Ocpi.Model.Credentials.Credentials)] = WireKind.Credentials,
        [typeof(Platform.Ocpi.Model.Commands.CommandResult)] = WireKind.CommandResult,
    };

    /// <summary>The kind of a request body bound as <paramref name="type"/>; a command body by its command segment.</summary>
    public static WireKind OfBody(Type type, string? command) =>
        ByType.TryGetValue(type, out var kind) ? kind : command is null ? WireKind.None : OfCommand(command);

    public static WireKind OfCommand(string command) => command.ToUpperInvariant() switch
    {
        "START_SESSION" => WireKind.StartSession,
        "STOP_SESSION" => WireKind.StopSession,
        "RESERVE_NOW" => WireKind.ReserveNow,
        "CANCEL_RESERVATION" => WireKind.CancelReservation,
        "UNLOCK_CONNECTOR" => WireKind.UnlockConnector,
        _ => WireKind.None,
    };

    /// <summary>
    /// The kinds of a call's body and answer, from the module and the path segments below the module's URL. Locations
    /// tell their level by depth: below a Receiver URL the path starts with the owner's country code and party id.
    /// </summary>
    public static (WireKind Body, WireKind Answer) OfCall(string module, IReadOnlyList<string> segments, string method)
    {
        var kind = module switch
        {
            ModuleIds.Locations => LocationLevel(segments),
            ModuleIds.Sessions => WireKind.Session,
            ModuleIds.Cdrs => WireKind.Cdr,
            ModuleIds.Tariffs => WireKind.Tariff,
            ModuleIds.Tokens when segments.Count > 0 && segments[^1] == "authorize" => WireKind.AuthorizationInfo,
            ModuleIds.Tokens => WireKind.Token,
            ModuleIds.Credentials => WireKind.Credentials,
            _ => WireKind.None,
        };
        if (module == ModuleIds.Commands && segments.Count > 0) return (OfCommand(segments[0]), WireKind.CommandResponse);
        if (kind == WireKind.AuthorizationInfo) return (WireKind.LocationReferences, kind);
        return method is "GET" or "DELETE" ? (WireKind.None, kind) : (kind, module == ModuleIds.Credentials ? kind : WireKind.None);
    }

    /// <summary>The kind an answer to one of our interfaces carries, from its module and route values.</summary>
    public static WireKind OfAnswer(string module, string role, RouteValueDictionary values, string path) => module switch
    {
        ModuleIds.Locations => values.ContainsKey("connectorId") ? WireKind.Connector : values.ContainsKey("evseUid") ? WireKind.Evse : WireKind.Location,
        ModuleIds.Sessions when !path.EndsWith("/charging_preferences", StringComparison.Ordinal) => WireKind.Session,
        ModuleIds.Cdrs => WireKind.Cdr,
        ModuleIds.Tariffs => WireKind.Tariff,
        ModuleIds.Tokens when path.EndsWith("/authorize", StringComparison.Ordinal) => WireKind.AuthorizationInfo,
        ModuleIds.Tokens => WireKind.Token,
        ModuleIds.Credentials => WireKind.Credentials,
        ModuleIds.Commands when role == nameof(InterfaceRole.RECEIVER) => WireKind.CommandResponse,
        _ => WireKind.None,
    };

    private static WireKind LocationLevel(IReadOnlyList<string> segments)
    {
        var receiver = segments.Count >= 3 && segments[0].Length == 2 && segments[1].Length == 3;
        var depth = receiver ? segments.Count - 2 : segments.Count;
        return depth switch { 2 => WireKind.Evse, 3 => WireKind.Connector, _ => WireKind.Location };
    }
}

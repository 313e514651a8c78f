using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;
using static Platform.Api.Modules.Versions.Json;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// Which ConnectorType values each version can say. The model knows 2.3.0's (MCS, SAE_J3400 added); 2.2.1 lacks those,
/// and 2.1.1 also lacks the values 2.2.1 added (digest §5.1). A connector a peer's version cannot name is left out of
/// what it is sent, an EVSE left without connectors is left out of its Location, and an EVSE or connector sent on its
/// own that cannot be said at all is not sent (<see cref="WireUnsupportedException"/>). A CDR's connector_standard is
/// sent as it is: a CDR is money and is never dropped for a plug name; a peer that refuses it shows as a failed delivery.
/// </summary>
internal static class ConnectorStandards
{
    public static readonly IReadOnlySet<string> Model = Names<ConnectorType>();

    private static readonly IReadOnlySet<string> V221 = Model.Except(["MCS", "SAE_J3400"]).ToHashSet();

    private static readonly IReadOnlySet<string> V211 = V221.Where(s => !(s is "CHAOJI" or "DOMESTIC_M" or "DOMESTIC_N" or "DOMESTIC_O"
        || s.StartsWith("GBT_", StringComparison.Ordinal) || s.StartsWith("NEMA_", StringComparison.Ordinal)
        || s.StartsWith("PANTOGRAPH_", StringComparison.Ordinal))).ToHashSet();

    public static IReadOnlySet<string> Of(string version) => version switch
    {
        OcpiVersions.V211 => V211,
        OcpiVersions.V221 => V221,
        _ => Model,
    };

    /// <summary>The EVSEs of a Location whose connectors <paramref name="known"/> cannot all be dropped; the rest trimmed to what it knows.</summary>
    public static void KeepInLocation(JsonObject location, IReadOnlySet<string> known)
    {
        if (location["evses"] is not JsonArray evses) return;
        foreach (var evse in evses.OfType<JsonObject>().ToList())
            if (!KeepInEvse(evse, known)) evses.Remove(evse);
    }

    /// <summary>Drops the connectors <paramref name="known"/> lacks; false when the EVSE listed connectors and none is left.</summary>
    public static bool KeepInEvse(JsonObject evse, IReadOnlySet<string> known)
    {
        if (evse["connectors"] is not JsonArray connectors || connectors.Count == 0) return true;
        foreach (var connector in connectors.OfType<JsonObject>().Where(c => !Knows(c, known)).ToList()) connectors.Remove(connector);
        return connectors.Count > 0;
    }

    /// <summary>
    /// Whether a stored Location's text names a standard <paramref name="version"/> lacks: a status push to a 2.2.1 peer
    /// (the common case) then needs no parse of the document at all.
    /// </summary>
    public static bool MayNameUnknown(string document, string version) =>
        Unknown(version).Any(standard => document.Contains(standard, StringComparison.Ordinal));

    /// <summary>The standards <paramref name="version"/> lacks, quoted as JSON writes them.</summary>
    public static IReadOnlyList<string> Unknown(string version) => version == OcpiVersions.V211 ? Quoted211 : Quoted221;

    private static readonly string[] Quoted221 = [.. Model.Except(V221).Select(s => $"\"{s}\"")];
    private static readonly string[] Quoted211 = [.. Model.Except(V211).Select(s => $"\"{s}\"")];

    public static bool Knows(JsonObject connector, IReadOnlySet<string> known) => Text(connector, "standard") is not { } standard || known.Contains(standard);

    /// <summary>For an EVSE or connector sent on its own to an older peer.</summary>
    public static void Require(bool expressible, JsonObject o, string version)
    {
        if (!expressible)
            throw new WireUnsupportedException($"{Text(o, "uid") ?? Text(o, "id") ?? "the object"} has no connector whose standard OCPI {version} can name");
    }
}

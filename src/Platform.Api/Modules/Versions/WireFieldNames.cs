using System.Collections.Frozen;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// A refusal names each field as the peer's version spells it: the validators see the 2.2.1 model, and "max_voltage"
/// is what a 2.1.1 peer sent as "voltage". Only names that differ are listed; a path keeps its indices
/// (<c>evses[0].connectors[1].voltage</c>). Fields 2.1.1 lacks and we derive (a Session's cdr_token from auth_id) keep
/// their 2.2.1 names: the message then names what we derived.
/// </summary>
public static class WireFieldNames
{
    private static readonly FrozenDictionary<string, string> LocationFields211 = new Dictionary<string, string>
    {
        ["parking_type"] = "type", ["max_voltage"] = "voltage", ["max_amperage"] = "amperage", ["tariff_ids"] = "tariff_id", ["category"] = "source",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> PriceFields230 = new Dictionary<string, string>
    {
        ["excl_vat"] = "before_taxes",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> SessionFields211 =
        new Dictionary<string, string> { ["start_date_time"] = "start_datetime", ["end_date_time"] = "end_datetime" }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> CdrFields211 =
        new Dictionary<string, string> { ["end_date_time"] = "stop_date_time", ["cdr_location"] = "location" }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string> TokenFields211 = new Dictionary<string, string> { ["contract_id"] = "auth_id" }.ToFrozenDictionary();

    private static IReadOnlyDictionary<string, string>? Names(string version, WireKind kind) => (version, kind) switch
    {
        (OcpiVersions.V211, WireKind.Location or WireKind.Evse or WireKind.Connector) => LocationFields211,
        (OcpiVersions.V211, WireKind.Session) => SessionFields211,
        (OcpiVersions.V211, WireKind.Cdr) => CdrFields211,
        (OcpiVersions.V211, WireKind.Token) => TokenFields211,
        (OcpiVersions.V230, WireKind.Session or WireKind.Cdr or WireKind.Tariff) => PriceFields230,
        _ => null,
    };

    /// <summary>The refusal <paramref name="message"/> ("path: reason; path: reason") of a request, in its version's field names.</summary>
    public static string OfRequest(HttpContext http, string message)
    {
        var version = WireEdge.VersionOf(http);
        if (version == OcpiVersions.V221 || http.GetEndpoint()?.Metadata.GetMetadata<OcpiInterface>() is not { } route) return message;
        var kind = http.GetRouteValue("command") is string command
            ? WireKinds.OfCommand(command)
            : WireKinds.OfAnswer(route.Module, route.Role.ToString(), http.Request.RouteValues, http.Request.Path.Value ?? "");
        return Rename(version, kind, message);
    }

    public static string Rename(string version, WireKind kind, string message)
    {
        if (Names(version, kind) is not { } names) return message;
        return string.Join("; ", message.Split("; ").Select(part =>
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) return part;
            var path = string.Join('.', part[..colon].Split('.').Select(segment =>
            {
                var index = segment.IndexOf('[', StringComparison.Ordinal);
                var name = index < 0 ? segment : segment[..index];
                return names.TryGetValue(name, out var wire) ? wire + segment[name.Length..] : segment;
            }));
            return path + part[colon..];
        }));
    }
}

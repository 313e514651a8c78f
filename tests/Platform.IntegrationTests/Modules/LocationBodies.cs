using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Modules;

/// <summary>Minimal valid 2.2.1 Location, EVSE and Connector objects, as the JSON a CPO would send.</summary>
public static class LocationBodies
{
    public static JsonObject Connector(string id, string lastUpdated, int maxAmperage = 16) => new()
    {
        ["id"] = id,
        ["standard"] = "IEC_62196_T2",
        ["format"] = "SOCKET",
        ["power_type"] = "AC_3_PHASE",
        ["max_voltage"] = 230,
        ["max_amperage"] = maxAmperage,
        ["last_updated"] = lastUpdated,
    };

    /// <summary>An EVSE with the given connectors, or one connector "1" of the same last_updated.</summary>
    public static JsonObject Evse(string uid, string lastUpdated, string status = "AVAILABLE", params JsonObject[] connectors) => new()
    {
        ["uid"] = uid,
        ["status"] = status,
        ["connectors"] = new JsonArray(connectors.Length == 0 ? [Connector("1", lastUpdated)] : connectors),
        ["last_updated"] = lastUpdated,
    };

    /// <summary>A location of <paramref name="owner"/> ("NL*CPO") with the given EVSEs (none: an empty list).</summary>
    public static JsonObject Location(string id, string lastUpdated, params JsonObject[] evses) => Location(id, lastUpdated, "NL*CPO", evses);

    public static JsonObject Location(string id, string lastUpdated, string owner, params JsonObject[] evses)
    {
        var party = owner.Split('*');
        return new JsonObject
        {
            ["country_code"] = party[0],
            ["party_id"] = party[1],
            ["id"] = id,
            ["publish"] = true,
            ["name"] = "Location " + id,
            ["address"] = "Stationsplein 1",
            ["city"] = "Utrecht",
            ["postal_code"] = "3511 ED",
            ["country"] = "NLD",
            ["coordinates"] = new JsonObject { ["latitude"] = "52.089444", ["longitude"] = "5.110278" },
            ["evses"] = new JsonArray(evses),
            ["time_zone"] = "Europe/Amsterdam",
            ["last_updated"] = lastUpdated,
        };
    }

    /// <summary>A location with one EVSE "{id}-E1" holding connector "1", all of the same last_updated.</summary>
    public static JsonObject LocationWithEvse(string id, string lastUpdated, string owner = "NL*CPO") =>
        Location(id, lastUpdated, owner, Evse(id + "-E1", lastUpdated));

    /// <summary>A copy with some fields replaced or added.</summary>
    public static JsonObject With(this JsonObject node, params (string Name, JsonNode? Value)[] fields)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var (name, value) in fields) copy[name] = value;
        return copy;
    }
}

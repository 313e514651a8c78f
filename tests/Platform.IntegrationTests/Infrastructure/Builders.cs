using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Valid OCPI objects for scenarios; each call returns a fresh tree the test may change.</summary>
public static class Builders
{
    public static string Now => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    public static JsonObject Location(string countryCode, string partyId, string id, params string[] evseUids) => new()
    {
        ["country_code"] = countryCode,
        ["party_id"] = partyId,
        ["id"] = id,
        ["publish"] = true,
        ["name"] = $"Location {id}",
        ["address"] = "Stationsplein 1",
        ["city"] = "Utrecht",
        ["postal_code"] = "3511 ED",
        ["country"] = "NLD",
        ["coordinates"] = new JsonObject { ["latitude"] = "52.090100", ["longitude"] = "5.109600" },
        ["evses"] = new JsonArray((evseUids.Length == 0 ? ["EVSE1"] : evseUids).Select(uid => (JsonNode)Evse(uid)).ToArray()),
        ["time_zone"] = "Europe/Amsterdam",
        ["last_updated"] = Now,
    };

    public static JsonObject Evse(string uid, string status = "AVAILABLE") => new()
    {
        ["uid"] = uid,
        ["evse_id"] = $"NL*CPO*E{uid}",
        ["status"] = status,
        ["connectors"] = new JsonArray(Connector("1")),
        ["last_updated"] = Now,
    };

    public static JsonObject Connector(string id) => new()
    {
        ["id"] = id,
        ["standard"] = "IEC_62196_T2",
        ["format"] = "SOCKET",
        ["power_type"] = "AC_3_PHASE",
        ["max_voltage"] = 230,
        ["max_amperage"] = 16,
        ["last_updated"] = Now,
    };

    public static JsonObject Status(string status) => new() { ["status"] = status, ["last_updated"] = Now };
}

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

    /// <summary>A session of <paramref name="cpo"/> for a token of <paramref name="emsp"/> ("DE*MSP").</summary>
    public static JsonObject Session(string cpo, string id, string emsp, string status = "ACTIVE") => new()
    {
        ["country_code"] = cpo[..2],
        ["party_id"] = cpo[3..],
        ["id"] = id,
        ["start_date_time"] = Now,
        ["kwh"] = 0,
        ["cdr_token"] = CdrToken(emsp),
        ["auth_method"] = "WHITELIST",
        ["location_id"] = "LOC1",
        ["evse_uid"] = "EVSE1",
        ["connector_id"] = "1",
        ["currency"] = "EUR",
        ["status"] = status,
        ["last_updated"] = Now,
    };

    public static JsonObject CdrToken(string emsp) => new()
    {
        ["country_code"] = emsp[..2],
        ["party_id"] = emsp[3..],
        ["uid"] = "012345678",
        ["type"] = "RFID",
        ["contract_id"] = $"{emsp[..2]}-{emsp[3..]}-C12345",
    };

    public static JsonObject ChargingPeriod(decimal kwh) => new()
    {
        ["start_date_time"] = Now,
        ["dimensions"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["volume"] = kwh }),
    };

    /// <summary>A final CDR of <paramref name="cpo"/> for a token of <paramref name="emsp"/>.</summary>
    public static JsonObject Cdr(string cpo, string id, string emsp, decimal cost = 4.00m) => new()
    {
        ["country_code"] = cpo[..2],
        ["party_id"] = cpo[3..],
        ["id"] = id,
        ["start_date_time"] = "2026-11-26T08:00:00Z",
        ["end_date_time"] = "2026-11-26T09:00:00Z",
        ["session_id"] = "S-" + id,
        ["cdr_token"] = CdrToken(emsp),
        ["auth_method"] = "WHITELIST",
        ["cdr_location"] = new JsonObject
        {
            ["id"] = "LOC1", ["address"] = "Stationsplein 1", ["city"] = "Utrecht", ["country"] = "NLD",
            ["coordinates"] = new JsonObject { ["latitude"] = "52.090100", ["longitude"] = "5.109600" },
            ["evse_uid"] = "EVSE1", ["evse_id"] = "NL*CPO*EEVSE1", ["connector_id"] = "1",
            ["connector_standard"] = "IEC_62196_T2", ["connector_format"] = "SOCKET", ["connector_power_type"] = "AC_3_PHASE",
        },
        ["currency"] = "EUR",
        ["charging_periods"] = new JsonArray(new JsonObject
        {
            ["start_date_time"] = "2026-11-26T08:00:00Z",
            ["dimensions"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["volume"] = 10 }),
        }),
        ["total_cost"] = new JsonObject { ["excl_vat"] = cost, ["incl_vat"] = cost * 1.21m },
        ["total_energy"] = 10,
        ["total_time"] = 1,
        ["last_updated"] = Now,
    };

    /// <summary>A token of <paramref name="emsp"/> ("DE*MSP").</summary>
    public static JsonObject Token(string emsp, string uid, string whitelist = "ALLOWED", bool valid = true, string type = "RFID") => new()
    {
        ["country_code"] = emsp[..2],
        ["party_id"] = emsp[3..],
        ["uid"] = uid,
        ["type"] = type,
        ["contract_id"] = $"{emsp[..2]}-{emsp[3..]}-{uid}",
        ["issuer"] = "Test eMSP",
        ["valid"] = valid,
        ["whitelist"] = whitelist,
        ["last_updated"] = Now,
    };
}

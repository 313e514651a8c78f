using Platform.Ocpi.Model.Versions;
using static Platform.Api.Modules.Versions.Json;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// OCPI 2.1.1 ↔ the 2.2.1 model (digest §5.1; spec tag 2.1.1). What 2.1.1 lacks and 2.2.1 requires is derived from the
/// connection (README "What is derived for 2.1.1"): the owner's country_code/party_id from the peer's party, a
/// cdr_token from auth_id and our eMSP, location_id/evse_uid/connector_id and a cdr_location from the whole Location,
/// time_zone from the country. What 2.1.1 cannot express is dropped (values it does not know) or refused
/// (<see cref="WireUnsupportedException"/>: credit CDRs, CANCEL_RESERVATION, a reservation id that is no integer).
/// </summary>
public sealed class Translator211 : IWireTranslator
{
    public string Version => OcpiVersions.V211;

    private static readonly Dictionary<string, string> ParkingToType = new()
    {
        ["ON_STREET"] = "ON_STREET", ["PARKING_GARAGE"] = "PARKING_GARAGE", ["UNDERGROUND_GARAGE"] = "UNDERGROUND_GARAGE",
        ["PARKING_LOT"] = "PARKING_LOT", ["ALONG_MOTORWAY"] = "OTHER", ["ON_DRIVEWAY"] = "OTHER",
    };

    private static readonly Dictionary<string, string> TypeToParking = new()
    {
        ["ON_STREET"] = "ON_STREET", ["PARKING_GARAGE"] = "PARKING_GARAGE", ["UNDERGROUND_GARAGE"] = "UNDERGROUND_GARAGE", ["PARKING_LOT"] = "PARKING_LOT",
    };

    private static readonly HashSet<string> Capabilities211 =
        ["CHARGING_PROFILE_CAPABLE", "CREDIT_CARD_PAYABLE", "REMOTE_START_STOP_CAPABLE", "RESERVABLE", "RFID_READER", "UNLOCK_CAPABLE"];

    private static readonly HashSet<string> Facilities211 =
        ["HOTEL", "RESTAURANT", "CAFE", "MALL", "SUPERMARKET", "SPORT", "RECREATION_AREA", "NATURE", "MUSEUM", "BUS_STOP", "TAXI_STAND",
         "TRAIN_STATION", "AIRPORT", "CARPOOL_PARKING", "FUEL_STATION", "WIFI"];

    private static readonly HashSet<string> Dimensions211 = ["ENERGY", "FLAT", "MAX_CURRENT", "MIN_CURRENT", "PARKING_TIME", "TIME"];

    private static readonly HashSet<string> Dimensions221 = Names<Platform.Ocpi.Model.Sessions.CdrDimensionType>();

    private static readonly Dictionary<string, string> ResultTo211 = new()
    {
        ["ACCEPTED"] = "ACCEPTED", ["TIMEOUT"] = "TIMEOUT", ["NOT_SUPPORTED"] = "NOT_SUPPORTED", ["UNKNOWN_SESSION"] = "UNKNOWN_SESSION",
        ["REJECTED"] = "REJECTED", ["FAILED"] = "REJECTED", ["EVSE_OCCUPIED"] = "REJECTED", ["EVSE_INOPERATIVE"] = "REJECTED",
        ["CANCELED_RESERVATION"] = "REJECTED", ["UNKNOWN_RESERVATION"] = "REJECTED",
    };

    // 2.1.1 CommandResponseType: NOT_SUPPORTED, REJECTED, ACCEPTED, TIMEOUT, UNKNOWN_SESSION.
    private static readonly Dictionary<string, string> ResponseFrom211 = new()
    {
        ["ACCEPTED"] = "ACCEPTED", ["NOT_SUPPORTED"] = "NOT_SUPPORTED", ["REJECTED"] = "REJECTED", ["UNKNOWN_SESSION"] = "UNKNOWN_SESSION", ["TIMEOUT"] = "REJECTED",
    };

    private static readonly Dictionary<string, string> ResultFrom211 = new()
    {
        ["ACCEPTED"] = "ACCEPTED", ["NOT_SUPPORTED"] = "NOT_SUPPORTED", ["REJECTED"] = "REJECTED", ["UNKNOWN_SESSION"] = "FAILED", ["TIMEOUT"] = "TIMEOUT",
    };

    /// <summary>2.1.1 has no time_zone requirement; 2.2.1 has. The zone of the country's capital, else UTC.</summary>
    private static readonly Dictionary<string, string> TimeZones = new()
    {
        ["NLD"] = "Europe/Amsterdam", ["DEU"] = "Europe/Berlin", ["BEL"] = "Europe/Brussels", ["FRA"] = "Europe/Paris", ["GBR"] = "Europe/London",
        ["AUT"] = "Europe/Vienna", ["CHE"] = "Europe/Zurich", ["ITA"] = "Europe/Rome", ["ESP"] = "Europe/Madrid", ["PRT"] = "Europe/Lisbon",
        ["DNK"] = "Europe/Copenhagen", ["SWE"] = "Europe/Stockholm", ["NOR"] = "Europe/Oslo", ["FIN"] = "Europe/Helsinki", ["POL"] = "Europe/Warsaw",
        ["LUX"] = "Europe/Luxembourg", ["IRL"] = "Europe/Dublin", ["CZE"] = "Europe/Prague",
    };

    public JsonNode ToPeer(WireKind kind, JsonNode node, WireContext context)
    {
        if (node is not JsonObject o) return node;
        switch (kind)
        {
            case WireKind.Location: LocationTo(o); break;
            case WireKind.Evse: EvseTo(o); break;
            case WireKind.Connector: ConnectorTo(o); break;
            case WireKind.Session: SessionTo(o, context); break;
            case WireKind.Cdr: CdrTo(o, context); break;
            case WireKind.Tariff: TariffTo(o); break;
            case WireKind.Token: TokenTo(o); break;
            case WireKind.AuthorizationInfo:
                Remove(o, "token", "authorization_reference");
                break;
            case WireKind.Credentials: return CredentialsTo(o);
            case WireKind.CommandResponse:
                Remove(o, "timeout", "message");
                Map(o, "result", ResultTo211);
                break;
            case WireKind.CommandResult:
                Remove(o, "message");
                Map(o, "result", ResultTo211);
                break;
            case WireKind.StartSession:
                Remove(o, "connector_id", "authorization_reference");
                Each(o, "token", TokenTo);
                break;
            case WireKind.ReserveNow:
                Remove(o, "authorization_reference");
                Each(o, "token", TokenTo);
                // 2.1.1 ReserveNow.reservation_id is an int.
                if (Text(o, "reservation_id") is { } id)
                    o["reservation_id"] = int.TryParse(id, out var number) ? number
                        : throw new WireUnsupportedException($"reservation_id '{id}' is no integer, which 2.1.1 requires");
                break;
            case WireKind.CancelReservation: throw new WireUnsupportedException("2.1.1 has no CANCEL_RESERVATION command");
        }
        return o;
    }

    public JsonNode FromPeer(WireKind kind, JsonNode node, WireContext context)
    {
        if (node is JsonArray list) return new JsonArray([.. list.Select(i => i is null ? null : FromPeer(kind, i.DeepClone(), context))]);
        if (node is not JsonObject o) return node;
        // A 2.1.1 PATCH need not carry last_updated (digest §5.1); the model's PATCH does: the change is as of its arrival.
        if (context.PatchReadAt is { } arrived && !o.ContainsKey("last_updated")) o["last_updated"] = arrived;
        switch (kind)
        {
            case WireKind.Location: LocationFrom(o, context); break;
            case WireKind.Evse: EvseFrom(o); break;
            case WireKind.Connector: ConnectorFrom(o); break;
            case WireKind.Session: SessionFrom(o, context); break;
            case WireKind.Cdr: CdrFrom(o, context); break;
            case WireKind.Tariff: TariffFrom(o, context); break;
            case WireKind.Token: TokenFrom(o, context); break;
            case WireKind.LocationReferences: Remove(o, "connector_ids"); break;
            case WireKind.Credentials: return CredentialsFrom(o, context);
            case WireKind.CommandResponse:
                Map(o, "result", ResponseFrom211);
                // 2.2.1 requires a timeout; 2.1.1 has none: the sender's own result timeout applies (Commands:ResultTimeoutSeconds).
                o["timeout"] ??= 0;
                break;
            case WireKind.CommandResult: Map(o, "result", ResultFrom211); break;
            case WireKind.StartSession or WireKind.ReserveNow:
                Each(o, "token", t => TokenFrom(t, context));
                if (o["reservation_id"] is JsonValue rid && rid.TryGetValue<long>(out var number)) o["reservation_id"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }
        return o;
    }

    // ---- Locations ----

    private static void LocationTo(JsonObject o)
    {
        var whole = o.ContainsKey("coordinates");
        Remove(o, "country_code", "party_id", "publish", "publish_allowed_to", "state", "parking_places", "help_phone");
        if (o.ContainsKey("parking_type")) Map(o, "parking_type", ParkingToType);
        Rename(o, "parking_type", "type");
        if (whole) o["type"] ??= "UNKNOWN";
        Filter(o, "facilities", Facilities211);
        Each(o, "energy_mix", EnergyMixTo);
        // 2.1.1 Hours is a choice: twentyfourseven or regular_hours.
        if (o["opening_times"] is JsonObject hours && hours["twentyfourseven"] is JsonValue all && all.TryGetValue<bool>(out var always) && always)
            hours.Remove("regular_hours");
        ConnectorStandards.KeepInLocation(o, Standards);
        Each(o, "evses", EvseTo);
    }

    private static readonly IReadOnlySet<string> Standards = ConnectorStandards.Of(OcpiVersions.V211);

    private static void EvseTo(JsonObject o)
    {
        Remove(o, "parking", "accepted_service_providers");
        Filter(o, "capabilities", Capabilities211);
        ConnectorStandards.Require(ConnectorStandards.KeepInEvse(o, Standards), o, OcpiVersions.V211);
        Each(o, "connectors", ConnectorTo);
    }

    private static void ConnectorTo(JsonObject o)
    {
        ConnectorStandards.Require(ConnectorStandards.Knows(o, Standards), o, OcpiVersions.V211);
        Rename(o, "max_voltage", "voltage");
        Rename(o, "max_amperage", "amperage");
        if (o["tariff_ids"] is JsonArray ids) o["tariff_id"] = Copy(ids.FirstOrDefault());
        Remove(o, "tariff_ids", "max_electric_power", "capabilities");
    }

    private static void EnergyMixTo(JsonObject mix) => Each(mix, "environ_impact", i => Rename(i, "category", "source"));

    private static void EnergyMixFrom(JsonObject mix) => Each(mix, "environ_impact", i => Rename(i, "source", "category"));

    private static void LocationFrom(JsonObject o, WireContext context)
    {
        var whole = o.ContainsKey("coordinates");
        if (whole)
        {
            if (context.Theirs is { } owner)
            {
                o["country_code"] ??= owner.CountryCode;
                o["party_id"] ??= owner.PartyId;
            }
            o["publish"] ??= true;
            if (o["time_zone"] is null) o["time_zone"] = TimeZones.GetValueOrDefault(Text(o, "country") ?? "", "Etc/UTC");
        }
        if (o.ContainsKey("type")) Map(o, "type", TypeToParking, removeUnknown: true);
        Rename(o, "type", "parking_type");
        Each(o, "energy_mix", EnergyMixFrom);
        Each(o, "evses", EvseFrom);
    }

    private static void EvseFrom(JsonObject o) => Each(o, "connectors", ConnectorFrom);

    private static void ConnectorFrom(JsonObject o)
    {
        Rename(o, "voltage", "max_voltage");
        Rename(o, "amperage", "max_amperage");
        if (o.TryGetPropertyValue("tariff_id", out var tariff))
        {
            o.Remove("tariff_id");
            if (tariff is not null) o["tariff_ids"] = new JsonArray(tariff.DeepClone());
        }
    }

    // ---- Sessions and CDRs ----

    private static void SessionTo(JsonObject o, WireContext context)
    {
        Rename(o, "start_date_time", "start_datetime");
        Rename(o, "end_date_time", "end_datetime");
        TokenToAuthId(o);
        if (o.ContainsKey("location_id"))
            o["location"] = LocationOfVisit(context.Location, Text(o, "location_id"), Text(o, "evse_uid"), Text(o, "connector_id"), null);
        Remove(o, "country_code", "party_id", "authorization_reference", "location_id", "evse_uid", "connector_id");
        PriceToNumber(o, "total_cost");
        if (Text(o, "status") == "RESERVATION") o["status"] = "PENDING";
        if (Text(o, "auth_method") == "COMMAND") o["auth_method"] = "AUTH_REQUEST";
        Each(o, "charging_periods", p => PeriodTo(p));
    }

    private static void CdrTo(JsonObject o, WireContext context)
    {
        if (o["credit"] is JsonValue credit && credit.TryGetValue<bool>(out var isCredit) && isCredit)
            throw new WireUnsupportedException("a credit CDR cannot be sent in 2.1.1, which has no credit CDRs");
        Rename(o, "end_date_time", "stop_date_time");
        TokenToAuthId(o);
        if (o["cdr_location"] is JsonObject at)
            o["location"] = LocationOfVisit(context.Location, Text(at, "id"), Text(at, "evse_uid"), Text(at, "connector_id"), at);
        Remove(o, "country_code", "party_id", "session_id", "authorization_reference", "cdr_location", "signed_data", "total_fixed_cost",
            "total_energy_cost", "total_time_cost", "total_parking_cost", "total_reservation_cost", "invoice_reference_id", "credit",
            "credit_reference_id", "home_charging_compensation");
        PriceToNumber(o, "total_cost");
        if (Text(o, "auth_method") == "COMMAND") o["auth_method"] = "AUTH_REQUEST";
        Each(o, "tariffs", TariffTo);
        Each(o, "charging_periods", p => PeriodTo(p));
    }

    private static void PeriodTo(JsonObject period)
    {
        period.Remove("tariff_id");
        if (period["dimensions"] is JsonArray dims)
            foreach (var d in dims.OfType<JsonObject>().Where(d => !Dimensions211.Contains(Text(d, "type") ?? "")).ToList()) dims.Remove(d);
    }

    private static void PeriodFrom(JsonObject period)
    {
        // FLAT has no 2.2.1 dimension type: the CDR's total_cost carries the money.
        if (period["dimensions"] is JsonArray dims)
            foreach (var d in dims.OfType<JsonObject>().Where(d => !Dimensions221.Contains(Text(d, "type") ?? "")).ToList()) dims.Remove(d);
    }

    private static void TokenToAuthId(JsonObject o)
    {
        if (o["cdr_token"] is JsonObject token) o["auth_id"] = Text(token, "contract_id") ?? Text(token, "uid");
        o.Remove("cdr_token");
    }

    private static void PriceToNumber(JsonObject o, string name)
    {
        if (o[name] is JsonObject price) o[name] = Copy(price["excl_vat"]);
    }

    /// <summary>
    /// The whole 2.1.1 Location a Session or CDR carries: our own location with only the EVSE and connector used, or,
    /// when it is not held (a CDR of a removed location), the one the CDR's cdr_location describes.
    /// </summary>
    private static JsonObject? LocationOfVisit(JsonObject? held, string? locationId, string? evseUid, string? connectorId, JsonObject? cdrLocation)
    {
        JsonObject location;
        if (held is not null)
        {
            location = held.DeepClone().AsObject();
            if (location["evses"] is JsonArray evses)
            {
                foreach (var e in evses.OfType<JsonObject>().Where(e => Text(e, "uid") != evseUid).ToList()) evses.Remove(e);
                foreach (var e in evses.OfType<JsonObject>())
                    if (e["connectors"] is JsonArray connectors)
                        foreach (var c in connectors.OfType<JsonObject>().Where(c => Text(c, "id") != connectorId).ToList()) connectors.Remove(c);
            }
        }
        else if (cdrLocation is not null)
        {
            location = new JsonObject
            {
                ["id"] = locationId, ["name"] = Copy(cdrLocation["name"]), ["address"] = Copy(cdrLocation["address"]),
                ["city"] = Copy(cdrLocation["city"]), ["postal_code"] = Copy(cdrLocation["postal_code"]), ["country"] = Copy(cdrLocation["country"]),
                ["coordinates"] = Copy(cdrLocation["coordinates"]),
                ["evses"] = new JsonArray(new JsonObject
                {
                    ["uid"] = evseUid, ["evse_id"] = Copy(cdrLocation["evse_id"]), ["status"] = "UNKNOWN",
                    ["connectors"] = new JsonArray(new JsonObject
                    {
                        ["id"] = connectorId, ["standard"] = Copy(cdrLocation["connector_standard"]), ["format"] = Copy(cdrLocation["connector_format"]),
                        ["power_type"] = Copy(cdrLocation["connector_power_type"]),
                    }),
                }),
            };
            RemoveNulls(location);
        }
        else return locationId is null ? null : new JsonObject { ["id"] = locationId };
        LocationTo(location);
        return location;
    }

    private static void RemoveNulls(JsonObject o)
    {
        foreach (var (name, value) in o.ToList())
        {
            if (value is null) o.Remove(name);
            else if (value is JsonObject child) RemoveNulls(child);
            else if (value is JsonArray list) foreach (var item in list.OfType<JsonObject>()) RemoveNulls(item);
        }
    }

    private static void SessionFrom(JsonObject o, WireContext context)
    {
        Rename(o, "start_datetime", "start_date_time");
        Rename(o, "end_datetime", "end_date_time");
        Owner(o, context);
        AuthIdToToken(o, context);
        if (o["location"] is JsonObject location)
        {
            var (evse, connector) = Visited(location);
            o["location_id"] = Text(location, "id");
            o["evse_uid"] = Text(evse, "uid");
            o["connector_id"] = Text(connector, "id");
            o.Remove("location");
        }
        NumberToPrice(o, "total_cost");
        Each(o, "charging_periods", PeriodFrom);
    }

    private static void CdrFrom(JsonObject o, WireContext context)
    {
        Rename(o, "stop_date_time", "end_date_time");
        Owner(o, context);
        AuthIdToToken(o, context);
        if (o["location"] is JsonObject location)
        {
            var (evse, connector) = Visited(location);
            var at = new JsonObject
            {
                ["id"] = Copy(location["id"]), ["name"] = Copy(location["name"]), ["address"] = Copy(location["address"]),
                ["city"] = Copy(location["city"]), ["postal_code"] = Copy(location["postal_code"]), ["country"] = Copy(location["country"]),
                ["coordinates"] = Copy(location["coordinates"]), ["evse_uid"] = Copy(evse?["uid"]),
                // 2.1.1 evse_id is optional, 2.2.1 cdr_location.evse_id required: the uid stands in.
                ["evse_id"] = Copy(evse?["evse_id"] ?? evse?["uid"]), ["connector_id"] = Copy(connector?["id"]),
                ["connector_standard"] = Copy(connector?["standard"]), ["connector_format"] = Copy(connector?["format"]),
                ["connector_power_type"] = Copy(connector?["power_type"]),
            };
            RemoveNulls(at);
            o["cdr_location"] = at;
            o.Remove("location");
        }
        NumberToPrice(o, "total_cost");
        Each(o, "tariffs", t => TariffFrom(t, context));
        Each(o, "charging_periods", PeriodFrom);
    }

    private static (JsonObject? Evse, JsonObject? Connector) Visited(JsonObject location)
    {
        var evse = (location["evses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        return (evse, (evse?["connectors"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault());
    }

    /// <summary>The CPO of a 2.1.1 Session, CDR, Location or Tariff is the connection's one peer party.</summary>
    private static void Owner(JsonObject o, WireContext context)
    {
        if (context.Theirs is not { } owner) return;
        o["country_code"] ??= owner.CountryCode;
        o["party_id"] ??= owner.PartyId;
    }

    /// <summary>
    /// 2.1.1 names the token by auth_id (the contract id) only: the cdr_token is that id as uid and contract_id, type
    /// OTHER, owned by our eMSP on the connection, the only one its CPO can serve.
    /// </summary>
    private static void AuthIdToToken(JsonObject o, WireContext context)
    {
        if (Text(o, "auth_id") is not { } authId) return;
        o.Remove("auth_id");
        o["cdr_token"] = new JsonObject
        {
            ["country_code"] = context.Ours?.CountryCode, ["party_id"] = context.Ours?.PartyId,
            ["uid"] = authId, ["type"] = "OTHER", ["contract_id"] = authId,
        };
    }

    private static void NumberToPrice(JsonObject o, string name)
    {
        if (o[name] is JsonValue v && v.TryGetValue<decimal>(out var amount)) o[name] = new JsonObject { ["excl_vat"] = amount };
    }

    // ---- Tariffs and tokens ----

    private static void TariffTo(JsonObject o)
    {
        Translator221.ExcludeTaxes(o);
        Remove(o, "country_code", "party_id", "type", "min_price", "max_price", "start_date_time", "end_date_time", "tax_included", "preauthorize_amount");
        Each(o, "energy_mix", EnergyMixTo);
        Each(o, "elements", element =>
        {
            Each(element, "price_components", c => c.Remove("vat"));
            Each(element, "restrictions", r => Remove(r, "min_current", "max_current", "reservation"));
        });
    }

    private static void TariffFrom(JsonObject o, WireContext context)
    {
        if (o.ContainsKey("elements")) Owner(o, context);
        Each(o, "energy_mix", EnergyMixFrom);
    }

    private static void TokenTo(JsonObject o)
    {
        Rename(o, "contract_id", "auth_id");
        Remove(o, "country_code", "party_id", "group_id", "default_profile_type", "energy_contract");
        if (Text(o, "type") is { } type && type != "RFID") o["type"] = "OTHER";
    }

    private static void TokenFrom(JsonObject o, WireContext context)
    {
        Rename(o, "auth_id", "contract_id");
        if (o.ContainsKey("uid")) Owner(o, context);
    }

    // ---- Credentials ----

    private static JsonObject CredentialsTo(JsonObject o)
    {
        var first = (o["roles"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        return new JsonObject
        {
            ["token"] = Copy(o["token"]), ["url"] = Copy(o["url"]),
            ["business_details"] = Copy(first?["business_details"]), ["party_id"] = Copy(first?["party_id"]), ["country_code"] = Copy(first?["country_code"]),
        };
    }

    /// <summary>Flat 2.1.1 credentials name one party without a role: its role is the one our party's counterpart holds.</summary>
    private static JsonObject CredentialsFrom(JsonObject o, WireContext context)
    {
        if (o.ContainsKey("roles")) return o;
        var role = new JsonObject
        {
            ["role"] = (context.TheirRole ?? Role.CPO).ToString(), ["business_details"] = Copy(o["business_details"]),
            ["party_id"] = Copy(o["party_id"]), ["country_code"] = Copy(o["country_code"]),
        };
        return new JsonObject { ["token"] = Copy(o["token"]), ["url"] = Copy(o["url"]), ["roles"] = new JsonArray(role) };
    }
}

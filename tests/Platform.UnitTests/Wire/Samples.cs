namespace Platform.UnitTests.Wire;

/// <summary>
/// One valid, complete body per kind, with every optional object filled in so that rules on nested and optional
/// fields can be exercised by editing one path. SampleTests guards that they stay valid.
/// </summary>
internal static class Samples
{
    public const string Location = """
        {
          "country_code": "BE", "party_id": "BEC", "id": "LOC1", "publish": false,
          "publish_allowed_to": [{ "uid": "12345678", "type": "RFID" }, { "visual_number": "NL-ABC-123", "issuer": "Shell" }, { "group_id": "G1" }],
          "name": "Gent Zuid", "address": "F.Rooseveltlaan 3A", "city": "Gent", "postal_code": "9000", "state": "Oost-Vlaanderen",
          "country": "BEL",
          "coordinates": { "latitude": "51.047599", "longitude": "3.729944" },
          "related_locations": [{ "latitude": "51.047600", "longitude": "3.729945", "name": { "language": "en", "text": "Entrance" } }],
          "parking_type": "ON_STREET",
          "evses": [{
            "uid": "3256", "evse_id": "BE*BEC*E041503001", "status": "AVAILABLE",
            "status_schedule": [{ "period_begin": "2015-06-29T20:39:09Z", "period_end": "2015-06-30T20:39:09Z", "status": "BLOCKED" }],
            "capabilities": ["RESERVABLE", "CHARGING_PROFILE_CAPABLE"],
            "connectors": [{
              "id": "1", "standard": "IEC_60309_2_single_16", "format": "CABLE", "power_type": "AC_3_PHASE",
              "max_voltage": 220, "max_amperage": 16, "max_electric_power": 3000, "tariff_ids": ["11"],
              "terms_and_conditions": "https://example.com/terms", "last_updated": "2015-03-16T10:10:02Z"
            }],
            "floor_level": "-1", "coordinates": { "latitude": "51.047599", "longitude": "3.729944" },
            "physical_reference": "1", "directions": [{ "language": "en", "text": "Left of the door" }],
            "parking_restrictions": ["EV_ONLY"],
            "images": [{ "url": "https://example.com/img.png", "category": "CHARGER", "type": "png" }],
            "last_updated": "2015-06-28T08:12:01Z"
          }],
          "directions": [{ "language": "nl", "text": "Naast de ingang" }],
          "operator": { "name": "BeCharged", "website": "https://becharged.example", "logo": { "url": "https://example.com/logo.png", "category": "OPERATOR", "type": "png", "width": 512, "height": 512 } },
          "suboperator": { "name": "Sub" }, "owner": { "name": "Owner" },
          "facilities": ["HOTEL", "WIFI"],
          "time_zone": "Europe/Brussels",
          "opening_times": {
            "twentyfourseven": false,
            "regular_hours": [{ "weekday": 1, "period_begin": "08:00", "period_end": "20:00" }],
            "exceptional_openings": [{ "period_begin": "2014-06-21T09:00:00Z", "period_end": "2014-06-21T12:00:00Z" }],
            "exceptional_closings": [{ "period_begin": "2014-06-24T00:00:00Z", "period_end": "2014-06-25T00:00:00Z" }]
          },
          "charging_when_closed": true,
          "images": [{ "url": "https://example.com/loc.jpg", "category": "LOCATION", "type": "jpeg" }],
          "energy_mix": {
            "is_green_energy": false,
            "energy_sources": [{ "source": "GENERAL_GREEN", "percentage": 35.9 }, { "source": "COAL", "percentage": 64.1 }],
            "environ_impact": [{ "category": "CARBON_DIOXIDE", "amount": 372 }],
            "supplier_name": "E.ON Energy Deutschland", "energy_product_name": "E.ON DirektStrom eco"
          },
          "last_updated": "2015-06-29T20:39:09Z"
        }
        """;

    public const string Evse = """
        {
          "uid": "3256", "evse_id": "BE*BEC*E041503001", "status": "AVAILABLE", "capabilities": ["RESERVABLE"],
          "connectors": [{ "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
            "max_voltage": 220, "max_amperage": 16, "last_updated": "2015-03-16T10:10:02Z" }],
          "floor_level": "-1", "physical_reference": "1", "last_updated": "2015-06-28T08:12:01Z"
        }
        """;

    public const string Connector = """
        { "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE", "max_voltage": 220,
          "max_amperage": 16, "max_electric_power": 11000, "tariff_ids": ["11", "12"],
          "terms_and_conditions": "https://example.com/terms", "last_updated": "2015-03-16T10:10:02Z" }
        """;

    private const string CdrToken = """
        { "country_code": "DE", "party_id": "TNM", "uid": "012345678", "type": "RFID", "contract_id": "DE8ACC12E46L89" }
        """;

    public const string Session = $$"""
        {
          "country_code": "NL", "party_id": "TST", "id": "101", "start_date_time": "2015-06-29T22:39:09Z",
          "end_date_time": "2015-06-29T23:50:16Z", "kwh": 41.12, "cdr_token": {{CdrToken}},
          "auth_method": "WHITELIST", "authorization_reference": "AUTH1", "location_id": "LOC1", "evse_uid": "3256",
          "connector_id": "1", "meter_id": "M1", "currency": "EUR",
          "charging_periods": [{ "start_date_time": "2015-06-29T22:39:09Z", "dimensions": [{ "type": "ENERGY", "volume": 120 }], "tariff_id": "12" }],
          "total_cost": { "excl_vat": 8.50, "incl_vat": 9.35 },
          "status": "COMPLETED", "last_updated": "2015-06-29T23:50:17Z"
        }
        """;

    public const string Tariff = """
        {
          "country_code": "DE", "party_id": "ALL", "id": "12", "currency": "EUR", "type": "REGULAR",
          "tariff_alt_text": [{ "language": "en", "text": "2 euro p/hour" }],
          "tariff_alt_url": "https://company.com/tariffs/12",
          "min_price": { "excl_vat": 0.50, "incl_vat": 0.55 }, "max_price": { "excl_vat": 20 },
          "elements": [{
            "price_components": [{ "type": "TIME", "price": 2.00, "vat": 10.0, "step_size": 300 }],
            "restrictions": { "start_time": "13:30", "end_time": "19:45", "start_date": "2015-12-24", "end_date": "2015-12-27",
              "min_kwh": 0, "max_kwh": 50, "min_current": 6, "max_current": 32, "min_power": 0, "max_power": 22,
              "min_duration": 0, "max_duration": 3600, "day_of_week": ["MONDAY", "SATURDAY"] }
          }, {
            "price_components": [{ "type": "FLAT", "price": 5.00, "step_size": 1 }],
            "restrictions": { "reservation": "RESERVATION" }
          }],
          "start_date_time": "2015-01-01T00:00:00Z", "end_date_time": "2016-01-01T00:00:00Z",
          "energy_mix": { "is_green_energy": true },
          "last_updated": "2015-06-29T20:39:09Z"
        }
        """;

    public const string Cdr = $$"""
        {
          "country_code": "BE", "party_id": "BEC", "id": "12345", "start_date_time": "2015-06-29T21:39:09Z",
          "end_date_time": "2015-06-29T23:37:32Z", "session_id": "101", "cdr_token": {{CdrToken}},
          "auth_method": "WHITELIST", "authorization_reference": "AUTH1",
          "cdr_location": {
            "id": "LOC1", "name": "Gent Zuid", "address": "F.Rooseveltlaan 3A", "city": "Gent", "postal_code": "9000",
            "state": "Oost-Vlaanderen", "country": "BEL", "coordinates": { "latitude": "51.047599", "longitude": "3.729944" },
            "evse_uid": "3256", "evse_id": "BE*BEC*E041503003", "connector_id": "1",
            "connector_standard": "IEC_62196_T2", "connector_format": "SOCKET", "connector_power_type": "AC_1_PHASE"
          },
          "meter_id": "M1", "currency": "EUR",
          "tariffs": [{ "country_code": "BE", "party_id": "BEC", "id": "12", "currency": "EUR",
            "elements": [{ "price_components": [{ "type": "TIME", "price": 2.00, "vat": 10.0, "step_size": 300 }] }],
            "last_updated": "2015-02-02T14:15:01Z" }],
          "charging_periods": [{ "start_date_time": "2015-06-29T21:39:09Z", "dimensions": [{ "type": "TIME", "volume": 1.973 }], "tariff_id": "12" }],
          "signed_data": { "encoding_method": "OCMF", "encoding_method_version": 1, "public_key": "MIIB",
            "signed_values": [{ "nature": "Start", "plain_data": "OCMF|{}", "signed_data": "c2lnbmVk" }],
            "url": "https://example.com/verify" },
          "total_cost": { "excl_vat": 4.00, "incl_vat": 4.40 },
          "total_fixed_cost": { "excl_vat": 0 }, "total_energy": 15.342,
          "total_energy_cost": { "excl_vat": 0 }, "total_time": 1.973, "total_time_cost": { "excl_vat": 4.00, "incl_vat": 4.40 },
          "total_parking_time": 0, "total_parking_cost": { "excl_vat": 0 }, "total_reservation_cost": { "excl_vat": 0 },
          "remark": "ok", "invoice_reference_id": "INV1", "credit": false, "home_charging_compensation": false,
          "last_updated": "2015-06-29T22:01:13Z"
        }
        """;

    public const string Token = """
        {
          "country_code": "DE", "party_id": "TNM", "uid": "12345678905880", "type": "RFID", "contract_id": "DE8ACC12E46L89",
          "visual_number": "DF000-2001-8999-1", "issuer": "TheNewMotion", "group_id": "DF000-2001-8999", "valid": true,
          "whitelist": "ALLOWED", "language": "it", "default_profile_type": "GREEN",
          "energy_contract": { "supplier_name": "Greenpeace Energy eG", "contract_id": "0123456789" },
          "last_updated": "2018-12-10T17:25:10Z"
        }
        """;

    private const string ChargingProfile = """
        { "start_date_time": "2019-06-23T08:00:00Z", "duration": 3600, "charging_rate_unit": "W", "min_charging_rate": 1000.5,
          "charging_profile_period": [{ "start_period": 0, "limit": 11000.0 }, { "start_period": 1800, "limit": 7400.5 }] }
        """;

    public static readonly IReadOnlyDictionary<string, string> ByKind = new Dictionary<string, string>
    {
        ["Location"] = Location,
        ["Evse"] = Evse,
        ["Connector"] = Connector,
        ["Session"] = Session,
        ["Token"] = Token,
        ["Cdr"] = Cdr,
        ["Tariff"] = Tariff,
        ["ChargingPreferences"] = """{ "profile_type": "FAST", "departure_time": "2019-06-23T18:00:00Z", "energy_need": 30, "discharge_allowed": false }""",
        ["AuthorizationInfo"] = $$"""
            { "allowed": "ALLOWED", "token": {{Token}}, "location": { "location_id": "LOC1", "evse_uids": ["3256"] },
              "authorization_reference": "AUTH1", "info": { "language": "en", "text": "Welcome" } }
            """,
        ["LocationReferences"] = """{ "location_id": "LOC1", "evse_uids": ["3256", "3257"] }""",
        ["CancelReservation"] = """{ "response_url": "https://emsp.example/commands/CANCEL_RESERVATION/1", "reservation_id": "R1" }""",
        ["ReserveNow"] = $$"""
            { "response_url": "https://emsp.example/commands/RESERVE_NOW/1", "token": {{Token}}, "expiry_date": "2019-06-23T09:00:00Z",
              "reservation_id": "R1", "location_id": "LOC1", "evse_uid": "3256", "authorization_reference": "AUTH1" }
            """,
        ["StartSession"] = $$"""
            { "response_url": "https://emsp.example/commands/START_SESSION/1", "token": {{Token}}, "location_id": "LOC1",
              "evse_uid": "3256", "connector_id": "1", "authorization_reference": "AUTH1" }
            """,
        ["StopSession"] = """{ "response_url": "https://emsp.example/commands/STOP_SESSION/1", "session_id": "101" }""",
        ["UnlockConnector"] = """
            { "response_url": "https://emsp.example/commands/UNLOCK_CONNECTOR/1", "location_id": "LOC1", "evse_uid": "3256", "connector_id": "1" }
            """,
        ["CommandResponse"] = """{ "result": "ACCEPTED", "timeout": 30, "message": [{ "language": "en", "text": "Forwarded" }] }""",
        ["CommandResult"] = """{ "result": "ACCEPTED", "message": [{ "language": "en", "text": "Started" }] }""",
        ["SetChargingProfile"] = $$"""{ "charging_profile": {{ChargingProfile}}, "response_url": "https://scsp.example/profiles/1" }""",
        ["ActiveChargingProfile"] = $$"""{ "start_date_time": "2019-06-23T08:00:00Z", "charging_profile": {{ChargingProfile}} }""",
        ["ChargingProfileResponse"] = """{ "result": "ACCEPTED", "timeout": 60 }""",
        ["ActiveChargingProfileResult"] = $$"""
            { "result": "ACCEPTED", "profile": { "start_date_time": "2019-06-23T08:00:00Z", "charging_profile": {{ChargingProfile}} } }
            """,
        ["ChargingProfileResult"] = """{ "result": "REJECTED" }""",
        ["ClearProfileResult"] = """{ "result": "UNKNOWN" }""",
        ["ClientInfo"] = """{ "party_id": "ABC", "country_code": "NL", "role": "CPO", "status": "CONNECTED", "last_updated": "2019-06-23T08:00:00Z" }""",
    };
}

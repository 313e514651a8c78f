using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;
using static Platform.Api.Modules.Versions.Json;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// OCPI 2.3.0 ↔ the 2.2.1 model (digest §5.4; spec tag v2.3.0). Taxes: a 2.3.0 Price {before_taxes, taxes[]} is the
/// 2.2.1 {excl_vat, incl_vat = before_taxes + the taxes}, and the taxes themselves are kept beside it in the stored
/// document, so a 2.3.0 peer gets them back as sent; a tariff's min/max PriceLimit is a Price of the same amounts,
/// and its tax_included and preauthorize_amount are kept. Open enums (2.3.0 types §OpenEnum): a value the model does
/// not know is dropped from a list or an optional field instead of refusing the object (a connector of an unknown
/// standard is dropped with it). AFIR location fields
/// (parking_places, help_phone, EVSE parking, accepted_service_providers, connector capabilities) are stored as sent
/// and sent only to 2.3.0 peers (<see cref="Translator221"/> leaves them out).
/// </summary>
public sealed class Translator230 : IWireTranslator
{
    public string Version => OcpiVersions.V230;

    private static readonly HashSet<string> Facilities = Names<Facility>();
    private static readonly HashSet<string> Capabilities = Names<Capability>();
    private static readonly HashSet<string> Restrictions = Names<ParkingRestriction>();
    private static readonly HashSet<string> ParkingTypes = Names<ParkingType>();
    private static readonly HashSet<string> TokenTypes = Names<Platform.Ocpi.Model.Tokens.TokenType>();
    private static readonly HashSet<string> ImageCategories = Names<Platform.Ocpi.Model.Common.ImageCategory>();
    private static readonly HashSet<string> ImpactCategories = Names<EnvironmentalImpactCategory>();

    public JsonNode ToPeer(WireKind kind, JsonNode node, WireContext context)
    {
        if (node is not JsonObject o) return node;
        switch (kind)
        {
            case WireKind.Tariff: TariffTo(o); break;
            case WireKind.Session: PricesTo(o); break;
            case WireKind.Cdr:
                PricesTo(o);
                Each(o, "tariffs", TariffTo);
                break;
            case WireKind.Credentials:
                // 2.3.0 removed the HUB role (a Hub names itself in hub_party_id); we never act as one.
                if (o["roles"] is JsonArray roles)
                    foreach (var hub in roles.OfType<JsonObject>().Where(r => Text(r, "role") == nameof(Role.HUB)).ToList()) roles.Remove(hub);
                break;
        }
        return o;
    }

    public JsonNode FromPeer(WireKind kind, JsonNode node, WireContext context)
    {
        if (node is JsonArray list) return new JsonArray([.. list.Select(i => i is null ? null : FromPeer(kind, i.DeepClone(), context))]);
        if (node is not JsonObject o) return node;
        switch (kind)
        {
            case WireKind.Location: LocationFrom(o); break;
            case WireKind.Evse: EvseFrom(o); break;
            case WireKind.Tariff: TariffFrom(o); break;
            case WireKind.Session:
                PricesFrom(o);
                Each(o, "cdr_token", TokenTypeFrom);
                break;
            case WireKind.Cdr:
                PricesFrom(o);
                Each(o, "cdr_token", TokenTypeFrom);
                Each(o, "tariffs", TariffFrom);
                break;
            case WireKind.Token: TokenTypeFrom(o); break;
            case WireKind.Credentials: CredentialsFrom(o); break;
        }
        return o;
    }

    private static void TariffTo(JsonObject o)
    {
        // 2.2.1 prices exclude VAT; a tariff that came in as 2.3.0 keeps what it said.
        if (o.ContainsKey("elements") || o.ContainsKey("currency")) o["tax_included"] ??= "NO";
        LimitTo(o, "min_price");
        LimitTo(o, "max_price");
    }

    private static void TariffFrom(JsonObject o)
    {
        // NO is what a 2.2.1 tariff means and what ToPeer writes when none is kept: only YES and N/A need keeping.
        if (Text(o, "tax_included") == "NO") o.Remove("tax_included");
        LimitFrom(o, "min_price");
        LimitFrom(o, "max_price");
    }

    private static void LimitTo(JsonObject o, string name)
    {
        if (o[name] is not JsonObject price) return;
        o[name] = Drop(new JsonObject { ["before_taxes"] = Copy(price["excl_vat"]), ["after_taxes"] = Copy(price["incl_vat"]) });
    }

    private static void LimitFrom(JsonObject o, string name)
    {
        if (o[name] is not JsonObject limit || !limit.ContainsKey("before_taxes")) return;
        o[name] = Drop(new JsonObject { ["excl_vat"] = Copy(limit["before_taxes"]), ["incl_vat"] = Copy(limit["after_taxes"]) });
    }

    private static void PricesTo(JsonObject o)
    {
        foreach (var name in TotalCostFields)
        {
            if (o[name] is not JsonObject price) continue;
            var taxes = price["taxes"]?.DeepClone();
            if (taxes is null && Number(price["incl_vat"]) is { } incl && Number(price["excl_vat"]) is { } excl && incl != excl)
                taxes = new JsonArray(new JsonObject { ["name"] = "VAT", ["amount"] = incl - excl });
            o[name] = Drop(new JsonObject { ["before_taxes"] = Copy(price["excl_vat"]), ["taxes"] = taxes });
        }
    }

    private static void PricesFrom(JsonObject o)
    {
        foreach (var name in TotalCostFields)
        {
            if (o[name] is not JsonObject price || Number(price["before_taxes"]) is not { } before) continue;
            var taxes = price["taxes"] as JsonArray;
            var sum = taxes?.OfType<JsonObject>().Sum(t => Number(t["amount"]) ?? 0m);
            o[name] = Drop(new JsonObject
            {
                ["excl_vat"] = before,
                ["incl_vat"] = sum is { } s ? before + s : null,
                // One tax named VAT with its amount only is what ToPeer derives from incl_vat: kept only when it says more.
                ["taxes"] = taxes is [JsonObject { Count: 2 } only] && Text(only, "name") == "VAT" && only.ContainsKey("amount") ? null : taxes?.DeepClone(),
            });
        }
    }

    /// <summary>TokenType is open in 2.3.0 (EMAID is new): a type the model lacks reads as OTHER rather than refusing the token.</summary>
    private static void TokenTypeFrom(JsonObject o)
    {
        if (Text(o, "type") is { } type && !TokenTypes.Contains(type)) o["type"] = "OTHER";
    }

    private static void LocationFrom(JsonObject o)
    {
        Filter(o, "facilities", Facilities);
        // An image of a category not known here is still an image: OTHER. An environmental impact of an unknown
        // category says nothing the model can hold: left out.
        Each(o, "images", ImageFrom);
        foreach (var owner in new[] { "operator", "suboperator", "owner" }) Each(o, owner, b => Each(b, "logo", ImageFrom));
        Each(o, "energy_mix", mix =>
        {
            if (mix["environ_impact"] is JsonArray impacts)
                foreach (var impact in impacts.OfType<JsonObject>().Where(i => Text(i, "category") is { } c && !ImpactCategories.Contains(c)).ToList())
                    impacts.Remove(impact);
        });
        if (Text(o, "parking_type") is { } type && !ParkingTypes.Contains(type)) o.Remove("parking_type");
        // ConnectorType is open in 2.3.0: a connector of a standard not known here is left out, and so is an EVSE left
        // without connectors; an EVSE sent alone with none left is refused by its validator (connectors: at least one).
        ConnectorStandards.KeepInLocation(o, ConnectorStandards.Model);
        Each(o, "evses", EvseFrom);
    }

    private static void ImageFrom(JsonObject image)
    {
        if (Text(image, "category") is { } category && !ImageCategories.Contains(category)) image["category"] = "OTHER";
    }

    private static void EvseFrom(JsonObject o)
    {
        Filter(o, "capabilities", Capabilities);
        Each(o, "images", ImageFrom);
        Filter(o, "parking_restrictions", Restrictions);
        ConnectorStandards.KeepInEvse(o, ConnectorStandards.Model);
    }

    /// <summary>A 2.3.0 Hub names itself in hub_party_id (CC+PID) and lists the parties it reaches in roles.</summary>
    private static void CredentialsFrom(JsonObject o)
    {
        if (Text(o, "hub_party_id") is not { Length: 5 } hub || o["roles"] is not JsonArray roles) return;
        roles.Add(new JsonObject { ["role"] = nameof(Role.HUB), ["country_code"] = hub[..2], ["party_id"] = hub[2..], ["business_details"] = new JsonObject { ["name"] = hub } });
    }

    private static JsonObject Drop(JsonObject o)
    {
        foreach (var (name, value) in o.ToList())
            if (value is null) o.Remove(name);
        return o;
    }
}

using Platform.Ocpi.Model.Versions;
using static Platform.Api.Modules.Versions.Json;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// The model is 2.2.1 plus what 2.3.0 peers sent that 2.2.1 cannot say (AFIR location fields, taxes, tax_included):
/// to a 2.2.1 peer those are left out, and so are connectors of the standards 2.3.0 added (<see cref="ConnectorStandards"/>). What a 2.2.1 peer sends is the model as it is.
/// </summary>
public sealed class Translator221 : IWireTranslator
{
    public string Version => OcpiVersions.V221;

    // A tariff's min/max_price are Prices too, and may carry the taxes a 2.3.0 peer sent.
    private static readonly string[] PriceFields = [.. TotalCostFields, "min_price", "max_price"];

    public JsonNode ToPeer(WireKind kind, JsonNode node, WireContext context)
    {
        if (node is not JsonObject o) return node;
        switch (kind)
        {
            case WireKind.Location: LocationTo(o); break;
            case WireKind.Evse: EvseTo(o); break;
            case WireKind.Connector: ConnectorTo(o); break;
            case WireKind.Tariff: TariffTo(o); break;
            case WireKind.Session: PricesTo(o); break;
            case WireKind.Cdr:
                PricesTo(o);
                Each(o, "tariffs", TariffTo);
                break;
        }
        return o;
    }

    public JsonNode FromPeer(WireKind kind, JsonNode node, WireContext context) => node;

    /// <summary>Whether an answer of this kind can hold anything 2.2.1 leaves out (else it is written as it is).</summary>
    public static bool MayHoldLaterFields(WireKind kind) =>
        kind is WireKind.Location or WireKind.Evse or WireKind.Connector or WireKind.Tariff or WireKind.Session or WireKind.Cdr;

    private static readonly IReadOnlySet<string> Standards = ConnectorStandards.Of(OcpiVersions.V221);

    /// <summary>
    /// Every name <see cref="ToPeer"/> acts on, quoted as JSON writes it: a document naming none of them, as a key or a
    /// value, is sent as it is. Most answers to 2.2.1 peers are such, and then need no tree built and copied per call.
    /// </summary>
    private static readonly byte[][] LaterNames = [.. new[] { "parking_places", "help_phone", "parking", "accepted_service_providers",
            "capabilities", "tax_included", "preauthorize_amount", "taxes" }.Select(n => $"\"{n}\"")
        .Concat(ConnectorStandards.Unknown(OcpiVersions.V221)).Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Whether the JSON text <paramref name="utf8"/> names nothing 2.2.1 leaves out or changes.</summary>
    public static bool NamesNothingLater(ReadOnlySpan<byte> utf8)
    {
        foreach (var name in LaterNames)
            if (utf8.IndexOf(name) >= 0) return false;
        return true;
    }

    private static void LocationTo(JsonObject o)
    {
        Remove(o, "parking_places", "help_phone");
        ConnectorStandards.KeepInLocation(o, Standards);
        Each(o, "evses", EvseTo);
    }

    private static void EvseTo(JsonObject o)
    {
        Remove(o, "parking", "accepted_service_providers");
        ConnectorStandards.Require(ConnectorStandards.KeepInEvse(o, Standards), o, OcpiVersions.V221);
        Each(o, "connectors", ConnectorTo);
    }

    private static void ConnectorTo(JsonObject o)
    {
        ConnectorStandards.Require(ConnectorStandards.Knows(o, Standards), o, OcpiVersions.V221);
        o.Remove("capabilities");
    }

    private static void TariffTo(JsonObject o)
    {
        ExcludeTaxes(o);
        Remove(o, "tax_included", "preauthorize_amount");
        PricesTo(o);
    }

    /// <summary>
    /// A 2.3.0 tariff with tax_included YES prices its components with tax; 2.2.1 and 2.1.1 prices exclude it. Where
    /// the component names its vat, the price without it is sent (to 4 decimals); without a vat there is nothing to take off.
    /// </summary>
    internal static void ExcludeTaxes(JsonObject tariff)
    {
        if (Text(tariff, "tax_included") != "YES") return;
        Each(tariff, "elements", element => Each(element, "price_components", component =>
        {
            if (Number(component["price"]) is { } price && Number(component["vat"]) is { } vat && vat > -100)
                component["price"] = Math.Round(price / (1 + vat / 100m), 4, MidpointRounding.AwayFromZero);
        }));
    }

    private static void PricesTo(JsonObject o)
    {
        foreach (var name in PriceFields)
            if (o[name] is JsonObject price) price.Remove("taxes");
    }
}

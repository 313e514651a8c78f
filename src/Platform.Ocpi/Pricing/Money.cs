namespace Platform.Ocpi.Pricing;

/// <summary>
/// Our rounding rule, since OCPI has none ([errata] mod_tariffs: rounding is a matter of law and contract): the
/// engine computes with exact decimals and rounds only the amounts it reports, each from its exact value, half away
/// from zero, to the currency's minor unit (ISO 4217: two decimals unless listed here).
/// </summary>
public static class Money
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    };

    public static int Decimals(string? currency) => currency is not null && MinorUnits.TryGetValue(currency, out var d) ? d : 2;

    public static decimal Round(decimal amount, string? currency) => Math.Round(amount, Decimals(currency), MidpointRounding.AwayFromZero);
}

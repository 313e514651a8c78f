namespace Platform.Ocpi.Model.Common;

/// <summary>
/// 2.2.1 types §Price: <c>excl_vat</c> number 1, <c>incl_vat</c> number ?. Negative in a credit CDR
/// (mod_cdrs §Credit CDRs negates the total_cost values), so no sign is enforced.
/// </summary>
public sealed record Price
{
    public decimal? ExclVat { get; init; }
    public decimal? InclVat { get; init; }
    /// <summary>2.3.0 TaxAmount list a 2.3.0 peer sent (incl_vat is their sum added): served to 2.3.0 peers only.</summary>
    public System.Text.Json.Nodes.JsonArray? Taxes { get; init; }
}

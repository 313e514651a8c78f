namespace Platform.Ocpi.Model.Cdrs;

/// <summary>2.2.1 mod_cdrs §SignedData: calibration-law signed meter values (e.g. OCMF).</summary>
public sealed record SignedData
{
    public string? EncodingMethod { get; init; }
    public int? EncodingMethodVersion { get; init; }
    public string? PublicKey { get; init; }
    public IReadOnlyList<SignedValue>? SignedValues { get; init; }
    public string? Url { get; init; }
}

/// <summary>2.2.1 mod_cdrs §SignedValue.</summary>
public sealed record SignedValue
{
    public string? Nature { get; init; }
    public string? PlainData { get; init; }
    public string? SignedData { get; init; }
}

namespace Platform.Ocpi.Model.Common;

/// <summary>2.2.1 mod_locations §BusinessDetails: <c>name</c> string(100) 1, <c>website</c> URL ?, <c>logo</c> Image ?.</summary>
public sealed record BusinessDetails
{
    public string? Name { get; init; }
    public string? Website { get; init; }
    public Image? Logo { get; init; }
}

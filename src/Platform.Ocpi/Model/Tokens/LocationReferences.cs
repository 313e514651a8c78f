namespace Platform.Ocpi.Model.Tokens;

/// <summary>2.2.1 mod_tokens §LocationReferences: the optional body of the authorize request.</summary>
public sealed record LocationReferences
{
    public string? LocationId { get; init; }
    public IReadOnlyList<string>? EvseUids { get; init; }
}

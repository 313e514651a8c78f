namespace Platform.Ocpi.Model.Common;

/// <summary>2.2.1 mod_locations §Image.</summary>
public sealed record Image
{
    public string? Url { get; init; }
    public string? Thumbnail { get; init; }
    public ImageCategory? Category { get; init; }
    public string? Type { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
}

public enum ImageCategory
{
    CHARGER,
    ENTRANCE,
    LOCATION,
    NETWORK,
    OPERATOR,
    OTHER,
    OWNER,
}

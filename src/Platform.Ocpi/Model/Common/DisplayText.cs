namespace Platform.Ocpi.Model.Common;

/// <summary>2.2.1 types §DisplayText: <c>language</c> string(2) ISO 639-1, <c>text</c> string(512), plain text.</summary>
public sealed record DisplayText
{
    public string? Language { get; init; }
    public string? Text { get; init; }
}

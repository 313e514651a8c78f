using Platform.Ocpi.Model.Tokens;

namespace Platform.Ocpi.Model.Locations;

/// <summary>
/// 2.2.1 mod_locations §PublishTokenType: who may see an unpublished Location. At least one of uid,
/// visual_number, group_id; uid needs type, visual_number needs issuer.
/// </summary>
public sealed record PublishTokenType
{
    public string? Uid { get; init; }
    public TokenType? Type { get; init; }
    public string? VisualNumber { get; init; }
    public string? Issuer { get; init; }
    public string? GroupId { get; init; }
}

using System.Text.Json;
using Platform.Api.Modules.Tokens;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// Who may see a location with publish=false (2.2.1 mod_locations §publish, L4): only an eMSP owning a token that
/// matches every set field of one of its publish_allowed_to entries: uid with type, visual_number with issuer,
/// group_id. The CPO knows the eMSPs' tokens from the Tokens module (what they pushed or it pulled).
/// </summary>
public sealed class LocationPublication(OcpiObjectStore objects, ILogger<LocationPublication> logger)
{
    // Entries naming only visual_number or group_id need a scan of the eMSP's tokens; bounded so one location
    // cannot read an unbounded token list.
    private const int MaxTokensScanned = 10_000;

    // Each Sender list reads the CPO's unpublished locations to find the caller's; bounded (and below SQL Server's
    // 2,100 parameters, as the keys found are passed to the list query).
    internal const int MaxUnpublishedListed = 1_000;

    /// <summary>The keys of the CPO's unpublished locations the eMSP may see (L4), for its Sender list.</summary>
    public async Task<IReadOnlyList<string>> ShownUnpublishedAsync(long cpoPartyId, string emspKey, CancellationToken ct)
    {
        var unpublished = await objects.UnpublishedAsync(new ObjectScope(ModuleIds.Locations, cpoPartyId, ObjectSide.Own), MaxUnpublishedListed + 1, ct);
        if (unpublished.Count > MaxUnpublishedListed)
            logger.LogWarning("Hosted party {PartyId} has more than {Max} unpublished locations: Sender lists consider the oldest {Max} for publish_allowed_to "
                + "(each is still pushed to, and readable by id for, the eMSPs it names)", cpoPartyId, MaxUnpublishedListed, MaxUnpublishedListed);
        var shown = new List<string>();
        foreach (var location in unpublished.Take(MaxUnpublishedListed))
            if (await MayShowUnpublishedAsync(cpoPartyId, LocationDocument.Read(location), emspKey, ct)) shown.Add(location.ObjectKey);
        return shown;
    }

    public async Task<bool> MayShowUnpublishedAsync(long cpoPartyId, LocationDocument location, string emspKey, CancellationToken ct)
    {
        var allowed = location.Root["publish_allowed_to"]?.Deserialize<List<PublishTokenType>>(OcpiJson.Options) ?? [];
        if (allowed.Count == 0) return false;
        var tokens = new ObjectScope(ModuleIds.Tokens, cpoPartyId, ObjectSide.Received);
        List<Token>? all = null;
        foreach (var entry in allowed)
        {
            if (entry.Uid is not null && entry.Type is { } type)
            {
                var held = await objects.FindAsync(tokens, emspKey, new TokenKey(entry.Uid, type).ObjectId, ct);
                if (held is not null && Matches(entry, OcpiJson.Deserialize<Token>(held.Document)!)) return true;
                continue;
            }
            all ??= (await objects.PageAsync(tokens, new ObjectFilter(OwnerKey: emspKey), 0, MaxTokensScanned, ct)).Documents
                .Select(d => OcpiJson.Deserialize<Token>(d)!).ToList();
            if (all.Any(t => Matches(entry, t))) return true;
        }
        return false;
    }

    private static bool Matches(PublishTokenType entry, Token token) =>
        (entry.Uid is not null || entry.VisualNumber is not null || entry.GroupId is not null)
        && (entry.Uid is null || (CiString.Equal(entry.Uid, token.Uid) && entry.Type == token.Type))
        && (entry.VisualNumber is null || (entry.VisualNumber == token.VisualNumber && entry.Issuer == token.Issuer))
        && (entry.GroupId is null || CiString.Equal(entry.GroupId, token.GroupId));
}

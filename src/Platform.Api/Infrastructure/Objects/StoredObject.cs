using System.Text.Json;
namespace Platform.Api.Infrastructure.Objects;

/// <summary>Whose copy of an object a row is: the hosted party's own (it is the data owner) or one it received.</summary>
public static class ObjectSide
{
    public const string Own = "own";
    public const string Received = "received";
}

/// <summary>
/// Which objects a store call may touch: one module, one hosted party, one side. Every query of
/// <see cref="OcpiObjectStore"/> is filtered by all three, so a call cannot reach another tenant's data.
/// </summary>
public sealed record ObjectScope(string Module, long HostedPartyId, string Side);

/// <summary>One OCPI object as stored: the JSON document and the key and filter columns.</summary>
public sealed class StoredObject
{
    public long Id { get; init; }
    public string OwnerKey { get; init; } = "";
    public string ObjectKey { get; init; } = "";
    public string ObjectId { get; init; } = "";
    public bool Published { get; init; } = true;
    public bool Visible { get; init; } = true;
    /// <summary>The only party that may receive the object (sessions, CDRs: the token's eMSP); null: any.</summary>
    public string? AudienceKey { get; init; }
    public DateTime LastUpdated { get; init; }

    private string? _document = "";

    /// <summary>The JSON text; for a version a grouped write left to its commit (<see cref="Deferred"/>), written from its tree when first asked.</summary>
    public string Document
    {
        get => Volatile.Read(ref _document) ?? WriteDeferred();
        init => _document = value;
    }

    /// <summary>
    /// A version whose text is not written yet: a grouped write left it to the group's commit (<see cref="ObjectCache.Defer"/>),
    /// so the next write of the object in the group takes its tree and no text is written in between.
    /// </summary>
    internal bool Deferred
    {
        get => Volatile.Read(ref _document) is null;
        init
        {
            if (value) _document = null;
        }
    }

    private string WriteDeferred()
    {
        var tree = Volatile.Read(ref _tree)
            ?? throw new InvalidOperationException($"The deferred version of {ObjectKey} was read after a later write took its tree");
        Interlocked.CompareExchange(ref _document, tree.ToJsonString(Platform.Ocpi.Json.OcpiJson.Options), null);
        return _document!;
    }

    private object? _root;

    /// <summary>
    /// The document parsed once, for code that walks it; shared by every reader of this object (a parsed element is
    /// immutable), so a cached object is not parsed again per request.
    /// </summary>
    public JsonElement Root
    {
        get
        {
            if (Volatile.Read(ref _root) is not { } root)
            {
                Interlocked.CompareExchange(ref _root, JsonElement.Parse(Document), null);
                root = _root!;
            }
            return (JsonElement)root;
        }
    }

    private JsonObject? _tree;

    /// <summary>The tree this version was written from (see <see cref="TakeTree"/>); set only by the write that stored it.</summary>
    internal JsonObject? Tree
    {
        init => _tree = value;
    }

    /// <summary>
    /// The tree this version was written from, for the next write of the object, which then need not parse the
    /// document again; the first caller gets it and owns it, every later one gets null (and builds its own tree
    /// over <see cref="Root"/>). Readers never take it: it is changed by whoever holds it.
    /// </summary>
    internal JsonObject? TakeTree() => Interlocked.Exchange(ref _tree, null);

    /// <summary>Whether a write left its tree here (it is then counted in the cache's memory).</summary>
    internal bool HoldsTree => Volatile.Read(ref _tree) is not null;
}

/// <summary>
/// Filters of a list: the OCPI date window (from inclusive, to exclusive), an owner, and visibility. With
/// <see cref="OnlyListed"/>, <see cref="AlsoShown"/> names (by key) unpublished objects this caller may see as well.
/// </summary>
public sealed record ObjectFilter(DateTime? From = null, DateTime? To = null, string? OwnerKey = null, bool OnlyListed = false,
    string? AudienceKey = null, IReadOnlyList<string>? AlsoShown = null);

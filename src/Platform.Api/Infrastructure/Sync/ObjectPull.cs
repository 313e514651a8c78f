using System.Text.Json;
using Platform.Ocpi;
using Platform.Ocpi.Validation;

namespace Platform.Api.Infrastructure.Sync;

/// <summary>What a pulled object is stored as: its id (object key), owner, last_updated and filter columns.</summary>
public sealed record PulledObject(string ObjectId, string? CountryCode, string? PartyId, DateTime LastUpdated, bool Published = true,
    bool Visible = true, string? AudienceKey = null);

/// <summary>
/// The shared rule for storing an object pulled from a peer's Sender interface for a hosted receiver: unreadable,
/// invalid, or another owner's objects are logged and skipped (2.2.1 transport: invalid objects in a list cannot be
/// reported back); a copy older than the one held (a push may have been faster) is not stored over it. An object and
/// what follows from storing it (a CDR's audit) commit together: a CDR kept without its audit would never get one,
/// since a held CDR is never stored again.
/// </summary>
public abstract class ObjectPull<T>(OcpiObjectStore objects, DbSession db, ILogger logger) : IPullModule where T : class
{
    public abstract string Module { get; }
    public abstract Role OwnerRole { get; }
    public abstract Role ReceiverRole { get; }

    /// <summary>CDRs are immutable: one already held is never replaced.</summary>
    protected virtual bool KeepHeld => false;

    protected abstract PulledObject Describe(T item, JsonObject document);

    public async Task<PullResult> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        var (value, problem) = WireCheck.Read<T>(item);
        if (value is null) return Invalid(Id(item), problem ?? "null");
        var document = OcpiDocument.ToObject(value);
        var pulled = problem is null ? Describe(value, document) : null;
        if (pulled is null) return Invalid((string?)document["id"] ?? (string?)document["uid"], problem ?? "unusable");
        if (!CiString.Equal(pulled.CountryCode, owner.CountryCode) || !CiString.Equal(pulled.PartyId, owner.PartyId))
            return Invalid(pulled.ObjectId, $"it belongs to {pulled.CountryCode}*{pulled.PartyId}, not {owner}");

        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, owner.Key, pulled.ObjectId, ct);
        if (stored is not null && (KeepHeld || stored.LastUpdated > pulled.LastUpdated)) return new PullResult(PullOutcome.Unchanged, pulled.ObjectId);
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await objects.SaveAsync(scope, owner.Key, pulled.ObjectId, pulled.LastUpdated, OcpiDocument.Serialize(document), ct,
                    pulled.Published, pulled.Visible, pulled.AudienceKey);
                await StoredAsync(hostedPartyId, owner, value, ct);
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Pulled {Module} object {ObjectId} of {Owner} could not be stored; nothing of it was kept", Module, pulled.ObjectId, owner);
            throw;
        }
        return new PullResult(PullOutcome.Stored, pulled.ObjectId);
    }

    /// <summary>After a pulled object is stored (CDRs are audited then).</summary>
    protected virtual Task StoredAsync(long hostedPartyId, PartyRef owner, T item, CancellationToken ct) => Task.CompletedTask;

    private PullResult Invalid(string? objectId, string why)
    {
        logger.LogWarning("Pulled {Module} object {ObjectId} skipped: {Reason}", Module, objectId, why);
        return new PullResult(PullOutcome.Invalid, objectId, why);
    }

    /// <summary>The id (or uid) of an object that could not be read whole, for the operator to name it to the peer.</summary>
    private static string? Id(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("id", out var id) || item.TryGetProperty("uid", out id))
        && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}

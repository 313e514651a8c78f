using Dapper;
using Platform.Api.Infrastructure.Logging;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>What a change asks peers to do with the object's current state.</summary>
public static class PushOperation
{
    /// <summary>Send the whole current object (PUT).</summary>
    public const string Put = "put";
    /// <summary>Send only the EVSE's current status (PATCH); the detail names the EVSE uid.</summary>
    public const string PatchStatus = "patch_status";
    /// <summary>Create the object at the receiver (CDRs: POST, never coalesced with anything else).</summary>
    public const string Post = "post";
    /// <summary>The object is gone (Tariffs DELETE).</summary>
    public const string Delete = "delete";
    /// <summary>
    /// The object no longer concerns the party the detail names, which holds a copy (a session whose token moved to
    /// another eMSP): that party alone hears the object's end for it, and nothing of what it became.
    /// </summary>
    public const string Withdraw = "withdraw";
}

/// <summary>
/// Records, in the transaction of the change itself, that peers must hear about it (CONVENTIONS §5). The
/// dispatcher turns each row into deliveries once the transaction has committed; nothing here calls a peer.
/// </summary>
public sealed class Outbox(DbSession db, TimeProvider clock, RequestCorrelation correlation, Platform.Api.Infrastructure.Sending.SendSignal signal)
{
    private const string Insert = """
        INSERT INTO outbox (hosted_party_id, module, object_key, operation, detail, correlation_id, trace_parent, created_at)
        VALUES (@HostedPartyId, @Module, @ObjectKey, @Operation, @Detail, @CorrelationId, @TraceParent, @Now)
        """;

    public async Task AddAsync(long hostedPartyId, string module, string objectKey, string operation, string? detail, CancellationToken ct)
    {
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(Insert, new
        {
            HostedPartyId = hostedPartyId, Module = module, ObjectKey = objectKey, Operation = operation, Detail = detail,
            correlation.CorrelationId, TraceParent = Telemetry.PlatformTracing.CurrentTraceParent(), Now = clock.GetUtcNow().UtcDateTime,
        }, db.Transaction, cancellationToken: ct));
        db.AfterCommit(signal.Notify);
    }
}


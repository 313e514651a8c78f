
namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// The HTTP call that brings a target up to date: method, the path segments below the module's Receiver URL
/// (unescaped: the caller escapes each), an optional query string (with its '?', already escaped), and the body.
/// <paramref name="AbsentIsDone"/>: the call wants the target without the object, or only changes a copy it may not
/// hold (DELETE, a withdrawal), so "unknown object" from the target means there is nothing left to do.
/// </summary>
public sealed record PushCall(HttpMethod Method, IReadOnlyList<string> Segments, object? Body, string Query = "", bool AbsentIsDone = false);

/// <summary>Who hears of a change: the one rule the dispatcher and the push job both apply.</summary>
public static class PushAudience
{
    /// <summary>
    /// A withdrawal goes only to the party it names, and only while the object is not for that party (again); any
    /// other change goes where the module's rules let the object's current state go.
    /// </summary>
    public static async ValueTask<bool> MayHearAsync(IPushModule module, long hostedPartyId, StoredObject? current, string operation, string? detail,
        string targetKey, CancellationToken ct) =>
        operation == PushOperation.Withdraw
            ? targetKey == detail && current is not null && current.AudienceKey != targetKey
            : current is null || await module.MayReceiveAsync(hostedPartyId, current, targetKey, ct);
}

/// <summary>
/// What the outbox needs from a module whose objects are pushed to peers: who receives them, what call carries
/// the object's current state, and how a party hosted here receives it without HTTP (internal connection).
/// </summary>
public interface IPushModule
{
    string Module { get; }

    /// <summary>Roles of the parties that implement this module's Receiver interface (e.g. EMSP for locations).</summary>
    IReadOnlySet<Role> TargetRoles { get; }

    /// <summary>
    /// Whether the object is meant for every receiver (locations, tariffs, tokens), so a Hub may fan it out from one
    /// broadcast push (digest §2.4). Sessions and CDRs are party-specific and never broadcast.
    /// </summary>
    bool Broadcastable => false;

    /// <summary>Whether <paramref name="target"/> may receive the object as it is now (publication rules, token owner).</summary>
    ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct);

    /// <summary>The call for a delivery; <paramref name="current"/> is null when the object no longer exists.</summary>
    PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current);

    /// <summary>Applies the delivery to a hosted receiving party (same rules as the Receiver interface, no HTTP).</summary>
    Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct);
}

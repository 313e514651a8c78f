using System.Collections.Concurrent;

namespace Platform.Api.Tenancy;

/// <summary>
/// Routing views of the connections that called, kept until what they hold changes, so that requests do not load the
/// same three row sets again and again. Every change to a known connection's state, its remote parties (a Hub's
/// ClientInfo among them) or a hosted party's roles goes through <see cref="ChangedAsync"/>: it drops the view here
/// once the change has committed, and adds one to the <c>connection_routing</c> counter in the change's transaction,
/// which other nodes hear through <see cref="CacheGenerationWatch"/> within <see cref="CacheGenerationWatch.CheckInterval"/>.
/// </summary>
/// <remarks>
/// The counter says only that some view changed, so a node that hears it move drops every view; this node hears its own
/// changes that way too, a second later. Changes are rare (a registration, a suspension, a Hub's ClientInfo, a party's
/// roles), and each costs every connection one load. A view is still loaded again after <see cref="Lifetime"/>, for a
/// row changed behind the platform's back (by hand, in SQL). Before the counter, every view was loaded again every 2 s,
/// whether anything changed or not: three queries on cold caches, 0.3–0.4 ms for the request that made them
/// (benchmarks README, P4).
/// </remarks>
public sealed class ConnectionRoutingCache(TimeProvider clock) : IGenerationCache
{
    public const string GenerationName = "connection_routing";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private sealed record Entry(ConnectionRoutingView View, long LoadedAt);

    private readonly ConcurrentDictionary<string, Entry> _views = new(StringComparer.Ordinal);
    private long _changes;

    string IGenerationCache.GenerationName => GenerationName;

    /// <summary>Read before loading a view and hand it to <see cref="Store"/>: a change in between keeps the view out.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public ConnectionRoutingView? Find(string connectionId)
    {
        if (!_views.TryGetValue(connectionId, out var entry)) return null;
        if (clock.GetElapsedTime(entry.LoadedAt) < Lifetime) return entry.View;
        _views.TryRemove(KeyValuePair.Create(connectionId, entry));
        return null;
    }

    public void Store(ConnectionRoutingView view, long changesBeforeLoad)
    {
        if (Changes != changesBeforeLoad) return;
        var entry = new Entry(view, clock.GetTimestamp());
        _views[view.ConnectionId] = entry;
        // A change that committed between the check above and the write would find nothing to drop.
        if (Changes != changesBeforeLoad) _views.TryRemove(KeyValuePair.Create(view.ConnectionId, entry));
    }

    /// <summary>
    /// What the views of <paramref name="connectionId"/> hold (of every connection, when null: a hosted party's roles)
    /// changed in <paramref name="db"/>'s transaction: other nodes hear of it by the counter, this one once it commits.
    /// </summary>
    public Task ChangedAsync(DbSession db, string? connectionId, CancellationToken ct) =>
        CacheGenerations.ChangedAsync(db, GenerationName, connectionId is null ? DropAll : () => Drop(connectionId), ct);

    private void Drop(string connectionId)
    {
        Interlocked.Increment(ref _changes);
        _views.TryRemove(connectionId, out _);
    }

    public void DropAll()
    {
        Interlocked.Increment(ref _changes);
        _views.Clear();
    }
}

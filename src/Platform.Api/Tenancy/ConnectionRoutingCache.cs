using System.Collections.Concurrent;

namespace Platform.Api.Tenancy;

/// <summary>
/// Routing views of the connections that called recently, kept for <see cref="Lifetime"/> so that a burst of
/// requests does not load the same three rows sets per request. Every change this node makes to a connection,
/// its participants or its remote parties drops the view once the change has committed.
/// </summary>
/// <remarks>
/// Several nodes sharing one SQL Server only hear of their own changes: another node may route by a view up to
/// <see cref="Lifetime"/> old after a suspend, an unregistration or a Hub's ClientInfo update made elsewhere.
/// Authentication has its own cache (<see cref="CredentialsTokenCache"/>), which other nodes' revocations reach
/// through the database within a second.
/// </remarks>
public sealed class ConnectionRoutingCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private sealed record Entry(ConnectionRoutingView View, long LoadedAt);

    private readonly ConcurrentDictionary<string, Entry> _views = new(StringComparer.Ordinal);
    private long _changes;

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

    public void Drop(string connectionId)
    {
        Interlocked.Increment(ref _changes);
        _views.TryRemove(connectionId, out _);
    }

    /// <summary>A hosted party changed: it may take part in any connection.</summary>
    public void DropAll()
    {
        Interlocked.Increment(ref _changes);
        _views.Clear();
    }
}

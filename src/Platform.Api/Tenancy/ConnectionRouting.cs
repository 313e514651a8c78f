namespace Platform.Api.Tenancy;

/// <summary>What routing needs to know about one connection: its state, our parties in it, and the parties it carries.</summary>
public sealed record ConnectionRoutingView(string ConnectionId, string State, IReadOnlyList<HostedParty> Participants,
    IReadOnlyList<RemoteParty> RemoteParties)
{
    /// <summary>A connection to a Hub: its credentials declared the single role HUB.</summary>
    public bool IsHub { get; } = RemoteParties.Any(r => r.Is(Platform.Ocpi.Model.Common.Role.HUB) && r.Source == RemotePartySources.Credentials);

    /// <summary>The remote parties a call may speak for, once each: worked out once per view, which the cache shares across calls.</summary>
    public IReadOnlyList<PartyRef> Carried { get; } = RemoteParties.Select(r => new PartyRef(r.CountryCode, r.PartyId)).DistinctBy(p => p.Key).ToList();
}

/// <summary>
/// The routing view of the caller's connection (scoped: once per request at most), from
/// <see cref="ConnectionRoutingCache"/> when a recent one is there.
/// </summary>
public sealed class ConnectionRouting(ConnectionStore connections, ConnectionRoutingCache cache)
{
    private ConnectionRoutingView? _view;

    public async Task<ConnectionRoutingView> GetAsync(string connectionId, CancellationToken ct)
    {
        if (_view?.ConnectionId == connectionId) return _view;
        if (cache.Find(connectionId) is { } cached) return _view = cached;
        var changes = cache.Changes;
        var view = await LoadAsync(connectionId, ct);
        cache.Store(view, changes);
        return _view = view;
    }

    private async Task<ConnectionRoutingView> LoadAsync(string connectionId, CancellationToken ct)
    {
        var connection = await connections.FindAsync(connectionId, ct)
            ?? throw new InvalidOperationException($"Authenticated token of unknown connection {connectionId}");
        var participants = await connections.ParticipantsAsync(connectionId, ct);
        // A Hub's parties may call us only while it reports them CONNECTED (2.2.1 §4.8, H2).
        var remote = (await connections.RemotePartiesAsync(connectionId, ct))
            .Where(r => r.Source == RemotePartySources.Credentials || r.Status == nameof(Platform.Ocpi.Model.HubClientInfo.ConnectionStatus.CONNECTED)).ToList();
        return new ConnectionRoutingView(connectionId, connection.State, participants, remote);
    }
}

namespace Platform.Api.Tenancy;

/// <summary>What routing needs to know about one connection: its state, our parties in it, and the parties it carries.</summary>
public sealed record ConnectionRoutingView(string ConnectionId, string State, IReadOnlyList<HostedParty> Participants,
    IReadOnlyList<RemoteParty> RemoteParties);

/// <summary>Loads the routing view of the caller's connection (scoped: once per request at most).</summary>
public sealed class ConnectionRouting(ConnectionStore connections)
{
    private ConnectionRoutingView? _view;

    public async Task<ConnectionRoutingView> GetAsync(string connectionId, CancellationToken ct)
    {
        if (_view?.ConnectionId == connectionId) return _view;
        var connection = await connections.FindAsync(connectionId, ct)
            ?? throw new InvalidOperationException($"Authenticated token of unknown connection {connectionId}");
        var participants = await connections.ParticipantsAsync(connectionId, ct);
        var remote = await connections.RemotePartiesAsync(connectionId, ct);
        return _view = new ConnectionRoutingView(connectionId, connection.State, participants, remote);
    }
}

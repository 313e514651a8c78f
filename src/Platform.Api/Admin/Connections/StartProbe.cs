using System.Text.Json;
using Hangfire;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Infrastructure.Probes;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Admin.Connections;

/// <summary>
/// The optional body of <c>POST /admin/connections/{id}/probe</c>: <c>writes</c> (default false) and the
/// <c>modules</c> to probe (default all; versions and credentials are always checked). No body means the defaults.
/// </summary>
public sealed record ProbeOptions(bool Writes = false, IReadOnlyList<string>? Modules = null);

/// <summary>An operator starts a conformance probe of a connection's peer (issue 21); it runs as a background job.</summary>
public sealed record StartProbe(string ConnectionId, ProbeOptions Options) : IRequest<ProbeStarted>, ITransactional;

public sealed record ProbeStarted(string Id);

public sealed class StartProbeHandler(ConnectionStore connections, ProbeStore probes, DbSession db, IBackgroundJobClient jobs, TimeProvider clock)
    : IRequestHandler<StartProbe, ProbeStarted>
{
    private static readonly string[] Probeable =
        [ModuleIds.Locations, ModuleIds.Tariffs, ModuleIds.Sessions, ModuleIds.Cdrs, ModuleIds.Tokens, ModuleIds.Commands];

    public async ValueTask<ProbeStarted> Handle(StartProbe request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(request.ConnectionId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.ConnectionId}");
        if (connection is not { Kind: ConnectionKinds.Remote, State: ConnectionStates.Registered })
            throw new RequestRejectedException(RejectionKind.WrongState,
                $"Connection {request.ConnectionId} is a {connection.State} {connection.Kind} connection; only a registered remote connection can be probed");
        var modules = request.Options.Modules;
        if (modules?.FirstOrDefault(m => !Probeable.Contains(m)) is { } unknown)
            throw new RequestRejectedException(RejectionKind.Invalid, $"modules: '{unknown}' is not one the probe checks ({string.Join(", ", Probeable)})");

        var id = Guid.NewGuid().ToString();
        await probes.AddAsync(new ProbeRow
        {
            Id = id, ConnectionId = connection.Id, State = ProbeStates.Running, Writes = request.Options.Writes,
            Modules = modules is null ? null : JsonSerializer.Serialize(modules), Version = connection.Version, StartedAt = clock.GetUtcNow().UtcDateTime,
        }, ct);
        await connections.AuditAsync(connection.Id, "admin", "probe started", request.Options.Writes ? "writes requested" : "read-only", ct);
        db.AfterCommit(() => jobs.Enqueue<ProbeJob>(job => job.RunAsync(connection.Id, id, CancellationToken.None)));
        return new ProbeStarted(id);
    }
}

using Platform.Api.Infrastructure.Pipeline;

namespace Platform.Api.Admin.Connections;

public sealed record CreateInternalConnection(string? Name, IReadOnlyList<string>? Parties) : IRequest<ConnectionView>, ITransactional;

/// <summary>
/// A connection between parties hosted here (e.g. a hosted CPO and a hosted eMSP): registered at once, no tokens,
/// no HTTP. Pushes between its parties are applied by the delivery job with the same rules as for a peer.
/// </summary>
public sealed class CreateInternalConnectionHandler(ParticipantResolver resolver, ConnectionStore connections, ConnectionViews views)
    : IRequestHandler<CreateInternalConnection, ConnectionView>
{
    public async ValueTask<ConnectionView> Handle(CreateInternalConnection request, CancellationToken ct)
    {
        var participants = await resolver.ResolveAsync(request.Parties, ct);
        if (participants.Count < 2)
            throw new RequestRejectedException(RejectionKind.Invalid, "parties: an internal connection joins at least two hosted parties");
        var id = Guid.NewGuid().ToString();
        await connections.CreateAsync(id, request.Name ?? "internal", ConnectionKinds.Internal, ConnectionStates.Registered, "us", null, null, participants, ct);
        await connections.AuditAsync(id, "admin", "internal connection created", $"parties {string.Join(", ", participants.Select(p => p.Key))}", ct);
        return await views.OfAsync(id, withAudit: false, ct);
    }
}

using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Pipeline;

namespace Platform.Api.Admin.Deliveries;

/// <summary>A delivery as operators see it: target, module, object, attempts, last error, next attempt.</summary>
public sealed record DeliveryView(long Id, string ConnectionId, string Target, string TargetRole, string Module, string ObjectId,
    string Operation, string? Detail, string State, int Attempts, int Changes, string? LastError, DateTime? NextAttemptAt,
    string? CorrelationId, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeliveredAt, bool Flagged)
{
    /// <param name="maxAttempts">Past it, a delivery still pending is flagged: a CDR that keeps failing needs an operator.</param>
    public static DeliveryView Of(Delivery d, int maxAttempts) => new(d.Id, d.ConnectionId, d.TargetKey, d.TargetRole, d.Module, d.ObjectKey,
        d.Operation, d.Detail, d.State, d.Attempts, d.Changes, d.LastError, d.State == DeliveryStates.Pending ? d.NextAttemptAt : null,
        d.CorrelationId, d.CreatedAt, d.UpdatedAt, d.DeliveredAt,
        d.State == DeliveryStates.Failed || (d.State == DeliveryStates.Pending && d.Attempts >= maxAttempts));
}

public sealed record GetDeliveries(string? State, string? ConnectionId, AdminPage Page) : IRequest<AdminList<DeliveryView>>;

public sealed record RetryDelivery(long Id) : IRequest<DeliveryView>, ITransactional;

public sealed class DeliveriesHandler(DeliveryStore deliveries, Platform.Api.Infrastructure.Sending.SendSignal signal, DeliveryOptions options, TimeProvider clock)
    : IRequestHandler<GetDeliveries, AdminList<DeliveryView>>, IRequestHandler<RetryDelivery, DeliveryView>
{
    private static readonly string[] States = [DeliveryStates.Pending, DeliveryStates.Sending, DeliveryStates.Delivered, DeliveryStates.Failed, DeliveryStates.Cancelled];

    public async ValueTask<AdminList<DeliveryView>> Handle(GetDeliveries request, CancellationToken ct)
    {
        if (request.State is not null && !States.Contains(request.State))
            throw new RequestRejectedException(RejectionKind.Invalid, $"state: '{request.State}' is not one of {string.Join(", ", States)}");
        var (items, total) = await deliveries.ListAsync(request.State, request.ConnectionId, request.Page.Offset, request.Page.Limit, options.MaxAttempts, ct);
        return new AdminList<DeliveryView>(items.Select(d => DeliveryView.Of(d, options.MaxAttempts)).ToList(), total);
    }

    /// <summary>A failed delivery gets a fresh set of attempts; it still sends the object's current state.</summary>
    public async ValueTask<DeliveryView> Handle(RetryDelivery request, CancellationToken ct)
    {
        var delivery = await deliveries.FindAsync(request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No delivery {request.Id}");
        if (delivery.State != DeliveryStates.Failed)
            throw new RequestRejectedException(RejectionKind.WrongState, $"Delivery {request.Id} is {delivery.State}; only a failed delivery can be retried");
        await deliveries.RescheduleAsync(request.Id, delivery.LastError, clock.GetUtcNow().UtcDateTime, ct);
        await deliveries.ResetAttemptsAsync(request.Id, ct);
        signal.Notify();
        return DeliveryView.Of((await deliveries.FindAsync(request.Id, ct))!, options.MaxAttempts);
    }
}

public static class DeliveriesAdmin
{
    public static IEndpointRouteBuilder MapDeliveriesAdmin(this IEndpointRouteBuilder admin)
    {
        var group = admin.MapGroup("/deliveries");
        group.MapGet("", (string? state, string? connection_id, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetDeliveries(state, connection_id, page), ct));
        group.MapPost("/{id:long}/retry", (long id, IMediator m, CancellationToken ct) => m.Send(new RetryDelivery(id), ct).Ok());
        return admin;
    }
}

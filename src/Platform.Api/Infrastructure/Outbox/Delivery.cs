namespace Platform.Api.Infrastructure.Outbox;

public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    /// <summary>Superseded by a newer delivery of the same object, or its connection is gone.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>One push of one object's current state to one target party over one connection.</summary>
public sealed class Delivery
{
    public long Id { get; init; }
    public string ConnectionId { get; init; } = "";
    public long HostedPartyId { get; init; }
    public string TargetKey { get; init; } = "";
    public string TargetRole { get; init; } = "";
    public string Module { get; init; } = "";
    public string ObjectKey { get; init; } = "";
    public string Operation { get; init; } = "";
    public string? Detail { get; init; }
    public string State { get; init; } = DeliveryStates.Pending;
    public int Attempts { get; init; }
    public int Changes { get; init; }
    public string? LastError { get; init; }
    public DateTime NextAttemptAt { get; init; }
    public string? CorrelationId { get; init; }
    /// <summary>W3C traceparent of the latest change folded into it: its push continues that trace.</summary>
    public string? TraceParent { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
}

/// <summary>A change to push, as the outbox recorded it.</summary>
public sealed class OutboxEntry
{
    public long Id { get; init; }
    public long HostedPartyId { get; init; }
    public string Module { get; init; } = "";
    public string ObjectKey { get; init; } = "";
    public string Operation { get; init; } = "";
    public string? Detail { get; init; }
    public string? CorrelationId { get; init; }
    public string? TraceParent { get; init; }
}

/// <summary>Who a delivery goes to: a remote party of a connection, or a party hosted here (internal connection).</summary>
public sealed record DeliveryTarget(string ConnectionId, string TargetKey, string TargetRole);

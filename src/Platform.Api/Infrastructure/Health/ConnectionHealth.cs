using System.Text.Json.Serialization;

namespace Platform.Api.Infrastructure.Health;

/// <summary>How a connection's peer is doing, as <c>GET /admin/connections</c> shows it (README "Connection health").</summary>
public sealed record ConnectionHealth(string Status, DateTime? LastSuccessAt, DateTime? LastFailureAt, int Pending, int Failed,
    long OldestPendingSeconds, [property: JsonPropertyName("failures_last_15m")] int FailuresLast15m)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";

    /// <summary>The window of <see cref="FailuresLast15m"/>.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The one rule for the status. <c>down</c>: every call to the peer has failed for at least
    /// <c>Health:DownAfterSeconds</c>. <c>degraded</c>: the latest call failed, or a call failed in the last 15 minutes,
    /// or a delivery failed (or a CDR delivery is flagged), or the oldest pending delivery waits longer than
    /// <c>Health:BacklogSeconds</c>. <c>ok</c> otherwise.
    /// </summary>
    public static ConnectionHealth Judge(PeerOutcome outcome, DeliveryBacklog backlog, int failuresLast15m, HealthOptions options, DateTime now)
    {
        var oldest = backlog.OldestPendingAt is { } at ? Math.Max(0, (long)(now - at).TotalSeconds) : 0;
        var status =
            outcome.FailingSince is { } since && now - since >= TimeSpan.FromSeconds(options.DownAfterSeconds) ? Down
            : outcome.FailingSince is not null || failuresLast15m > 0 || backlog.Failed > 0 || oldest > options.BacklogSeconds ? Degraded
            : Ok;
        return new ConnectionHealth(status, outcome.LastSuccessAt, outcome.LastFailureAt, backlog.Pending, backlog.Failed, oldest, failuresLast15m);
    }
}

/// <summary>What calls to a connection's peer last did; <see cref="FailingSince"/> is set while it fails without answering.</summary>
public sealed record PeerOutcome(string ConnectionId, DateTime? LastSuccessAt, DateTime? LastFailureAt, DateTime? FailingSince)
{
    public static PeerOutcome None(string connectionId) => new(connectionId, null, null, null);
}

/// <summary>Deliveries of one connection still waiting (pending or being sent) and failed (flagged CDRs included).</summary>
public sealed record DeliveryBacklog(string ConnectionId, int Pending, int Failed, DateTime? OldestPendingAt)
{
    public static DeliveryBacklog None(string connectionId) => new(connectionId, 0, 0, null);
}

/// <summary>Thresholds of the health rule (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>How long every call must have failed before a connection is <c>down</c>.</summary>
    [SettingRange("Health:DownAfterSeconds", 1, 86400)]
    public int DownAfterSeconds { get; init; } = 300;

    /// <summary>How long the oldest pending delivery may wait before the connection is <c>degraded</c>.</summary>
    [SettingRange("Health:BacklogSeconds", 1, 86400)]
    public int BacklogSeconds { get; init; } = 300;
}

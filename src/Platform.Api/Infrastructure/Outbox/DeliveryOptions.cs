namespace Platform.Api.Infrastructure.Outbox;

/// <summary>Retry policy of pushes (configuration section <c>Deliveries</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Attempts before a delivery is <c>failed</c> and waits for an operator.</summary>
    [SettingRange("Deliveries:MaxAttempts", 1, 1000)]
    public int MaxAttempts { get; init; } = 15;

    /// <summary>The longest wait between two attempts; waits double from 2 s up to it.</summary>
    [SettingRange("Deliveries:MaxBackoffSeconds", 1, 86400)]
    public int MaxBackoffSeconds { get; init; } = 60;

    /// <summary>How often the pump looks for due deliveries when nothing wakes it.</summary>
    [SettingRange("Deliveries:PollSeconds", 0.01, 3600)]
    public double PollSeconds { get; init; } = 1;

    /// <summary>How often receivers pull from every registered peer (and once at start-up).</summary>
    [SettingRange("Deliveries:ResyncIntervalMinutes", 0.01, 100000)]
    public double ResyncIntervalMinutes { get; init; } = 60;

    /// <summary>
    /// Pushes this process sends at once (to all peers together). A push mostly waits for its peer, so many can be
    /// in flight on few cores; each (peer, object) still has one send at a time.
    /// </summary>
    [SettingRange("Deliveries:Concurrency", 1, 1000)]
    public int Concurrency { get; init; } = 32;

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoffSeconds, Math.Pow(2, Math.Clamp(attempts, 1, 16))));
}

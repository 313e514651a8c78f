namespace Platform.Api.Infrastructure.Outbox;

/// <summary>Retry policy of pushes (configuration section <c>Deliveries</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Attempts before a delivery is <c>failed</c> and waits for an operator.</summary>
    public int MaxAttempts { get; init; } = 15;

    /// <summary>The longest wait between two attempts; waits double from 2 s up to it.</summary>
    public int MaxBackoffSeconds { get; init; } = 60;

    /// <summary>How often the pump looks for due deliveries when nothing wakes it.</summary>
    public double PollSeconds { get; init; } = 1;

    /// <summary>How often receivers pull from every registered peer (and once at start-up).</summary>
    public double ResyncIntervalMinutes { get; init; } = 60;

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoffSeconds, Math.Pow(2, Math.Clamp(attempts, 1, 16))));

    public static DeliveryOptions From(IConfiguration configuration) =>
        configuration.GetSection("Deliveries").Get<DeliveryOptions>() ?? new DeliveryOptions();
}

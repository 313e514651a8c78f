using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Outbox;

namespace Platform.UnitTests.Outbox;

/// <summary>The in-process push runner at the end of a host's life.</summary>
public sealed class PushRunnerTests
{
    [Fact]
    public async Task A_runner_disposed_before_it_is_stopped_stops_quietly_and_starts_nothing_more()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var options = Options.Create(new DeliveryOptions());
        var runner = new PushRunner(services.GetRequiredService<IServiceScopeFactory>(), new Monitor(options.Value), NullLogger<PushRunner>.Instance);

        await runner.DisposeAsync();
        runner.Start(1);
        await runner.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class Monitor(DeliveryOptions value) : IOptionsMonitor<DeliveryOptions>
    {
        public DeliveryOptions CurrentValue => value;

        public DeliveryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DeliveryOptions, string?> listener) => null;
    }
}

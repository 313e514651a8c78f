using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Modules.Commands;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.ChargePoints;

/// <summary>
/// The simulated chargers answer through scheduled Hangfire jobs, which in-memory storage forgets when the process
/// stops: at start-up, every request the chargers accepted within the result timeout and never answered is handed to
/// them again, so the sender still gets its result (the job is safe twice). Only when the simulator is the gateway:
/// an OCPP gateway keeps its own state. Found by the reliability suite's kill -9 rounds (R4).
/// </summary>
public sealed class SimulatorRecovery(IServiceScopeFactory scopes, SchemaState schema, IBackgroundJobClient jobs,
    IOptionsMonitor<CommandOptions> commands, IOptionsMonitor<SimulatorOptions> simulator, TimeProvider clock, ILogger<SimulatorRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.Migrated) await Task.Delay(200, stoppingToken);
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IChargePointGateway>() is not SimulatedChargePoints) return;
        var since = clock.GetUtcNow().UtcDateTime.AddSeconds(-commands.CurrentValue.ResultTimeoutSeconds);
        var unanswered = await scope.ServiceProvider.GetRequiredService<ReceivedRequestStore>().UnansweredSinceAsync(since, stoppingToken);
        foreach (var request in unanswered.Where(Accepted).Where(r => !Silent(r)))
        {
            if (request.Module == ModuleIds.Commands)
                jobs.Enqueue<SimulatedChargePointJob>(job => job.RunCommandAsync(request.Id, CancellationToken.None));
            else
                jobs.Enqueue<SimulatedChargePointJob>(job => job.RunChargingProfileAsync(request.Id, CancellationToken.None));
            logger.LogWarning("Request {ReceivedRequestId} ({RequestType}) was accepted before the process stopped and never answered; the simulated charger answers it now",
                request.Id, request.Type);
        }
    }

    private static bool Accepted(ReceivedRequest request) =>
        request.Response is { } response && (string?)JsonNode.Parse(response)?["result"] == "ACCEPTED";

    private bool Silent(ReceivedRequest request) =>
        (string?)JsonNode.Parse(request.Document)?["location_id"] is { } location
        && simulator.CurrentValue.SilentLocations.Contains(location, StringComparer.OrdinalIgnoreCase);
}

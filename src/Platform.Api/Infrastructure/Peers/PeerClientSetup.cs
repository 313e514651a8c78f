using Microsoft.Extensions.Http.Resilience;

namespace Platform.Api.Infrastructure.Peers;

public static class PeerClientSetup
{
    /// <summary>
    /// Timeouts and retries for calls to peers. Only safe methods are retried here: a repeated POST or PUT could
    /// register or rotate twice; pushes get their retries from the outbox jobs instead.
    /// </summary>
    public static IServiceCollection AddPeerClient(this IServiceCollection services)
    {
        services.AddSettings<PeerOptions>("Peers");
        services.AddSingleton<OutboundUrlPolicy>();
        services.AddScoped<ResponseUrlCheck>();
        services.AddHttpClient<PeerClient>()
            // The outbound URL policy checks the address each connection really goes to (DNS rebinding cannot bypass it).
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
                // A redirect is the peer's answer, not a new URL to call: following it would let a response_url on the
                // peer's own origin send us to any other origin (reliability R7 found it).
                AllowAutoRedirect = false,
                ActivityHeadersPropagator = new Level1TraceContext(),
            })
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableForUnsafeHttpMethods();
                options.Retry.MaxRetryAttempts = 2;
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(15);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(40);
            })
            // One circuit breaker per peer host: a peer that is down must not open the circuit for every other peer.
            .SelectPipelineByAuthority();
        return services;
    }
}

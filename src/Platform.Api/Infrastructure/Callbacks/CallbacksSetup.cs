namespace Platform.Api.Infrastructure.Callbacks;

public static class CallbacksSetup
{
    /// <summary>The response_url machinery both Commands and ChargingProfiles use; registering it twice is harmless.</summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(CallbacksSignal))) return services;
        services.AddSingleton<CallbacksSignal>();
        services.AddScoped<ReceivedRequestStore>();
        services.AddScoped<ResultPostStore>();
        services.AddScoped<ResultPosts>();
        services.AddScoped<SentRequestStore>();
        services.AddScoped<PostResultJob>();
        services.AddScoped<SendRequestJob>();
        services.AddScoped<RequestTimeoutJob>();
        services.AddHostedService<CallbacksPump>();
        return services;
    }
}

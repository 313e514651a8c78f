using Platform.Api.Infrastructure.Sending;

namespace Platform.Api.Infrastructure.Callbacks;

public static class CallbacksSetup
{
    /// <summary>The response_url machinery both Commands and ChargingProfiles use; registering it twice is harmless.</summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(SentRequestStore))) return services;
        services.AddScoped<ReceivedRequestStore>();
        services.AddScoped<ResultPostStore>();
        services.AddScoped<ResultPosts>();
        services.AddScoped<SentRequestStore>();
        services.AddScoped<PostResultJob>();
        services.AddScoped<SendRequestJob>();
        services.AddScoped<RequestTimeoutJob>();
        services.AddScoped<ISendKind, ResultPostSends>();
        services.AddScoped<ISendKind, SentRequestSends>();
        return services;
    }
}

using System.Diagnostics;

namespace Platform.Api.Infrastructure.Pipeline;

/// <summary>Logs each request's name and duration at Debug; the request's body is never logged (it may hold tokens).</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Off (the shipped level is Information): no timing, no boxed arguments, no try frame.
        if (!logger.IsEnabled(LogLevel.Debug)) return await next(message, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("Handled {Request} in {Elapsed:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug("{Request} ended with {Error} after {Elapsed:0.0} ms", typeof(TMessage).Name, e.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

using Hangfire;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>
/// Sends one result post: the bare body to exactly the stored URL, with the credentials of the connection the
/// request came on and routing headers from = the CPO, to = the request's sender (digest §2.7 impl-note). Over an
/// internal connection the receiving module's handler is called in-process. Takes the post id only; safe to run
/// twice (the post is claimed first). Retries with the deliveries' backoff, then <c>failed</c>.
/// </summary>
public sealed class PostResultJob(DbSession db, ResultPostStore posts, ConnectionStore connections, PartyStore parties,
    IEnumerable<IInternalCallbackReceiver> receivers, PeerCalls peers, RequestCorrelation correlation,
    DeliveryOptions options, TimeProvider clock, ILogger<PostResultJob> logger)
{
    // Longer than the peer client's total timeout (40 s), as for deliveries.
    private static readonly TimeSpan SendLease = TimeSpan.FromSeconds(60);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long postId, CancellationToken ct)
    {
        var post = await posts.FindAsync(postId, ct);
        if (post is null || post.State != ResultPostStates.Pending) return;
        var connection = await connections.FindAsync(post.ConnectionId, ct);
        if (connection is null || connection.State == ConnectionStates.Unregistered)
        {
            await posts.CancelledAsync(postId, "the connection is unregistered", ct);
            return;
        }
        if (connection.State != ConnectionStates.Registered)
        {
            await posts.RescheduleAsync(postId, $"waiting: connection is {connection.State}", Now + TimeSpan.FromSeconds(options.MaxBackoffSeconds), ct);
            return;
        }
        if (!await posts.ClaimAsync(postId, SendLease, ct)) return;
        correlation.CorrelationId = post.CorrelationId ?? correlation.CorrelationId;
        var sender = await parties.FindByIdAsync(post.HostedPartyId, ct);
        if (sender is null)
        {
            await posts.CancelledAsync(postId, "the sending party no longer exists", ct);
            return;
        }
        var from = new PartyRef(sender.CountryCode, sender.PartyId);
        var method = new HttpMethod(post.Method);
        var body = JsonNode.Parse(post.Body)!;
        try
        {
            var (ok, final, outcome) = connection.IsInternal
                ? await SendInternallyAsync(post, connection.Id, from, method, body, ct)
                : await SendOverHttpAsync(post, connection, from, method, body, ct);
            if (ok)
            {
                await posts.DeliveredAsync(postId, ct);
                logger.LogInformation("Result post {ResultPostId}: {Method} {Module} to {TargetParty} accepted", postId, post.Method, post.Module, post.TargetKey);
            }
            else if (final) await posts.FailedAsync(postId, outcome, ct);
            else await RetryLaterAsync(post, outcome, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await db.RollbackAsync();
            await posts.RescheduleAsync(postId, "interrupted by shutdown", Now, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await db.RollbackAsync();
            await RetryLaterAsync(post, e is PeerUnreachableException ? e.Message : $"{e.GetType().Name}: {e.Message}", ct);
        }
    }

    private async Task<(bool Ok, bool Final, string Outcome)> SendOverHttpAsync(ResultPost post, Connection connection, PartyRef from, HttpMethod method,
        JsonNode body, CancellationToken ct)
    {
        if (connection.OutboundToken is null) return (false, true, "the connection holds no token to call the peer with");
        PartyKey.TryParse(post.TargetKey, out var toCc, out var toPid);
        // A response_url lies below no endpoint the peer registered: the body's kind is named (2.1.1 posts a CommandResponse).
        var kind = post.Module == Platform.Ocpi.Model.Versions.ModuleIds.Commands ? Modules.Versions.WireKind.CommandResult : Modules.Versions.WireKind.None;
        var answer = await peers.SendAsync<JsonNode>(connection, method, post.Url, body, from, new PartyRef(toCc, toPid), ct, kind, Modules.Versions.WireKind.None);
        // A 404 from the receiver's OCPI side (an envelope) says it does not know the request: asking again will not
        // change that. A bare 404 (a proxy, a deployment in progress) says nothing about the request: retried, as a
        // delivery answered a bare 404 is.
        return (answer.IsSuccess, answer is { HttpStatus: 404, HasEnvelope: true }, $"{post.Method} {post.Url} answered {answer.Describe()}");
    }

    private async Task<(bool Ok, bool Final, string Outcome)> SendInternallyAsync(ResultPost post, string connectionId, PartyRef from, HttpMethod method,
        JsonNode body, CancellationToken ct)
    {
        PartyKey.TryParse(post.TargetKey, out var cc, out var pid);
        var target = await parties.FindAsync(cc, pid, ct);
        if (target is null) return (false, true, $"hosted party {post.TargetKey} is gone");
        var receiver = receivers.FirstOrDefault(r => r.Module == post.Module);
        if (receiver is null) return (false, true, $"no in-process receiver for {post.Module}");
        var context = new OcpiContext(connectionId, target.Id, new PartyRef(target.CountryCode, target.PartyId), Role.EMSP, from);
        OcpiResult result;
        try
        {
            result = await receiver.ReceiveAsync(context, method, post.Url, body, ct);
        }
        catch (RequestRejectedException e)
        {
            // The same refusal over HTTP would be final too: sending it again cannot change the answer.
            return (false, true, $"{post.Method} {post.Url} refused in-process: {e.Message}");
        }
        var ok = OcpiStatus.IsSuccess(result.StatusCode) && result.HttpStatus is >= 200 and < 300;
        return (ok, !ok, $"{post.Method} {post.Url} answered in-process HTTP {result.HttpStatus}, OCPI {result.StatusCode} '{result.Message}'");
    }

    private async Task RetryLaterAsync(ResultPost post, string error, CancellationToken ct)
    {
        var attempts = post.Attempts + 1;
        if (attempts >= options.MaxAttempts)
        {
            await posts.FailedAsync(post.Id, $"gave up after {attempts} attempts: {error}", ct);
            logger.LogWarning("Result post {ResultPostId} to {TargetParty} failed after {Attempts} attempts: {Error}", post.Id, post.TargetKey, attempts, error);
            return;
        }
        var wait = options.Backoff(attempts);
        await posts.RescheduleAsync(post.Id, error, Now + wait, ct);
        logger.LogInformation("Result post {ResultPostId} to {TargetParty} attempt {Attempts} failed ({Error}); next in {Wait}", post.Id, post.TargetKey, attempts, error, wait);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

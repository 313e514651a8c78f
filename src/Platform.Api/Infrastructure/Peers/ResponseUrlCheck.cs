namespace Platform.Api.Infrastructure.Peers;

/// <summary>
/// Refuses (2001) a response_url the calling connection may not make us post to (<see cref="OutboundUrlPolicy"/>).
/// Over an internal connection the result is handed over in-process and never leaves this platform.
/// </summary>
public sealed class ResponseUrlCheck(ConnectionStore connections, OutboundUrlPolicy policy)
{
    public async Task EnsureAllowedAsync(OcpiContext context, string? responseUrl, CancellationToken ct)
    {
        var connection = await connections.FindAsync(context.ConnectionId, ct);
        if (connection is null || connection.Kind == "internal") return;
        if (policy.ResponseUrlProblem(responseUrl, connection) is { } problem)
            throw new RequestRejectedException(RejectionKind.Invalid, $"response_url: {problem}");
    }
}

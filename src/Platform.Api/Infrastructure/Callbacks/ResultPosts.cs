using Platform.Api.Infrastructure.Logging;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>
/// Records, in the caller's transaction, a result or update a hosted CPO owes the sender of a request. The pump
/// hands it to <see cref="PostResultJob"/> once committed; nothing here calls a peer.
/// </summary>
public sealed class ResultPosts(ResultPostStore store, DbSession db, RequestCorrelation correlation, Platform.Api.Infrastructure.Sending.SendSignal signal)
{
    /// <summary>The result of <paramref name="request"/>, POSTed to exactly its response_url (2.2.1 mod_commands §response_url).</summary>
    public Task<long> ResultAsync(ReceivedRequest request, object result, CancellationToken ct) =>
        AddAsync(request.HostedPartyId, request.ConnectionId, request.SenderKey, request.Module, request.Id, HttpMethod.Post, request.ResponseUrl,
            result, request.CorrelationId, ct);

    /// <summary>Any other call the CPO owes the sender (e.g. an ActiveChargingProfile PUT to its Sender endpoint).</summary>
    public async Task<long> AddAsync(long hostedPartyId, string connectionId, string targetKey, string module, long? requestId, HttpMethod method,
        string url, object body, string? correlationId, CancellationToken ct)
    {
        var json = body is JsonNode node ? node.ToJsonString(OcpiJson.Options) : OcpiJson.Serialize(body);
        var id = await store.AddAsync(hostedPartyId, connectionId, targetKey, module, requestId, method, url, json,
            correlationId ?? correlation.CorrelationId, ct);
        db.AfterCommit(signal.Notify);
        return id;
    }
}

using System.Diagnostics;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Telemetry;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Peers;

/// <summary>
/// Builds every call to a peer over a connection in one place: the token the connection holds (decrypted here and
/// nowhere else, Base64 or raw as the connection needs it) and the routing headers naming the party that speaks and
/// the party addressed (2.2.1 transport §Message routing). URLs come from <see cref="PeerEndpoints"/>.
/// </summary>
public sealed class PeerCalls(PeerClient client, OutboundTokens tokens, PeerCallOutcomes outcomes, PlatformMetrics metrics, TimeProvider clock,
    Modules.Versions.WireEdge edge)
{
    /// <summary>
    /// One call in the connection's OCPI version: the body and the answer's data translated at the edge; on a 2.1.1
    /// connection the raw token and no routing headers (2.1.1 has neither Base64 nor routing). <paramref name="bodyKind"/>
    /// and <paramref name="answerKind"/> name the objects where the URL cannot (a response_url).
    /// </summary>
    public async Task<PeerAnswer<T>> SendAsync<T>(Connection connection, HttpMethod method, string url, object? body, PartyRef? from, PartyRef? to,
        CancellationToken ct, Modules.Versions.WireKind? bodyKind = null, Modules.Versions.WireKind? answerKind = null)
    {
        if (connection.OutboundToken is null)
            throw new PeerUnreachableException("the connection holds no token to call the peer with");
        var single = Modules.Versions.VersionModules.IsSingleParty(connection.Version);
        var credentials = new PeerCredentials(tokens.Unprotect(connection.OutboundToken), connection.OutboundTokenRaw || single);
        var call = await edge.OutboundAsync(connection, method, url, body, from, to, bodyKind, answerKind, ct);
        var module = PeerEndpoints.ModuleOf(connection, url);
        using var span = PlatformTracing.StartPeerCall(method.Method, connection.Id, module, from?.Key, to?.Key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await client.SendAsync<T>(method, url, credentials, call.Body, single ? null : RoutingHeaders(from, to), ct, call.ReadData);
            span?.SetTag(SpanTags.StatusCode, answer.StatusCode);
            Record(connection, module, Answered(answer.HttpStatus), started);
            return answer;
        }
        catch (PeerUnreachableException e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            Record(connection, module, answered: false, started);
            throw;
        }
    }

    private void Record(Connection connection, string module, bool answered, long started)
    {
        outcomes.Record(connection.Id, answered, clock.GetUtcNow().UtcDateTime);
        metrics.PeerCall(connection.Id, module, answered, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// For connection health, a peer answered when it could handle the call at all: a refusal of our data (an OCPI
    /// 2xxx, a 404) is an answer; a server error, a refused token or a throttle is not, nor is no answer.
    /// </summary>
    public static bool Answered(int httpStatus) => httpStatus is < 500 and not (401 or 403 or 408 or 429);

    public static IReadOnlyDictionary<string, string>? RoutingHeaders(PartyRef? from, PartyRef? to)
    {
        if (from is null && to is null) return null;
        var headers = new Dictionary<string, string>();
        if (from is not null) (headers[OcpiHeaders.FromCountryCode], headers[OcpiHeaders.FromPartyId]) = (from.CountryCode, from.PartyId);
        if (to is not null) (headers[OcpiHeaders.ToCountryCode], headers[OcpiHeaders.ToPartyId]) = (to.CountryCode, to.PartyId);
        return headers;
    }
}

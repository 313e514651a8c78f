namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>One HTTP call to a peer: method, absolute URL, and the bare body (never an envelope).</summary>
public sealed record PeerRequest(HttpMethod Method, string Url, JsonNode? Body);

/// <summary>How one module's requests go from a hosted eMSP to a CPO (Commands, ChargingProfiles).</summary>
public interface ISentRequestModule
{
    string Module { get; }

    /// <summary>The call at the CPO's platform, given its Receiver endpoint of this module.</summary>
    PeerRequest BuildCall(SentRequest request, string receiverUrl);

    /// <summary>The same request handed to a CPO hosted here, over an internal connection: no HTTP to ourselves.</summary>
    ValueTask<OcpiResult> SendInternallyAsync(SentRequest request, OcpiContext cpo, CancellationToken ct);
}

/// <summary>
/// Over an internal connection a hosted CPO's results go to a hosted eMSP whose URLs are our own: the module
/// that owns the URL handles the post in-process, with the same handler as over HTTP.
/// </summary>
public interface IInternalCallbackReceiver
{
    string Module { get; }

    ValueTask<OcpiResult> ReceiveAsync(OcpiContext emsp, HttpMethod method, string url, JsonNode body, CancellationToken ct);
}


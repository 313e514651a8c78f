using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.ChargingProfiles.Receiver;
using Platform.Api.Modules.ChargingProfiles.Sender;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.ChargingProfiles;

/// <summary>
/// Charging-profile requests over both kinds of connection: PUT, GET (duration and response_url in the query,
/// URL-encoded) or DELETE on {chargingprofiles}/{session_id} at the CPO's platform, or the Receiver handler of a
/// CPO hosted here; results and active-profile updates for a hosted eMSP go to the Sender handler in-process.
/// </summary>
public sealed partial class ChargingProfileCallbacks(IMediator mediator) : ISentRequestModule, IInternalCallbackReceiver
{
    public string Module => ModuleIds.ChargingProfiles;

    public PeerRequest BuildCall(SentRequest request, string receiverUrl)
    {
        var document = JsonNode.Parse(request.Document)!;
        // The spec writes {chargingprofiles_endpoint_url}{session_id}: joined here with exactly one '/' (digest §4.7).
        var url = PeerEndpoints.Below(receiverUrl, request.ObjectId!);
        var responseUrl = Uri.EscapeDataString((string)document["response_url"]!);
        return Enum.Parse<ChargingProfileRequestType>(request.Type) switch
        {
            ChargingProfileRequestType.SET => new PeerRequest(HttpMethod.Put, url, document),
            ChargingProfileRequestType.GET => new PeerRequest(HttpMethod.Get,
                $"{url}?duration={((int)document["duration"]!).ToString(CultureInfo.InvariantCulture)}&response_url={responseUrl}", null),
            _ => new PeerRequest(HttpMethod.Delete, $"{url}?response_url={responseUrl}", null),
        };
    }

    public ValueTask<OcpiResult> SendInternallyAsync(SentRequest request, OcpiContext cpo, CancellationToken ct)
    {
        var type = Enum.Parse<ChargingProfileRequestType>(request.Type);
        var document = JsonNode.Parse(request.Document)!;
        return mediator.Send(new ReceiveChargingProfileRequest(cpo, type, request.ObjectId!, (string?)document["response_url"],
            document["duration"]?.ToJsonString(), type == ChargingProfileRequestType.SET ? OcpiJson.Deserialize<SetChargingProfile>(request.Document) : null), ct);
    }

    public ValueTask<OcpiResult> ReceiveAsync(OcpiContext emsp, HttpMethod method, string url, JsonNode body, CancellationToken ct)
    {
        var path = new Uri(url).AbsolutePath;
        if (method == HttpMethod.Post && ResultUrl().Match(path) is { Success: true } result)
            return mediator.Send(new ReceiveChargingProfileResult(emsp, result.Groups["id"].Value, body.AsObject()), ct);
        if (method == HttpMethod.Put && ProfileUrl().Match(path) is { Success: true } profile)
            return mediator.Send(new PutActiveChargingProfile(emsp, Uri.UnescapeDataString(profile.Groups["session"].Value),
                OcpiJson.Deserialize<ActiveChargingProfile>(body.ToJsonString())!), ct);
        return ValueTask.FromResult(OcpiResult.NotFound($"{method} {url} is not a chargingprofiles Sender URL of this platform"));
    }

    [GeneratedRegex("/ocpi/2\\.2\\.1/sender/chargingprofiles/results/(?<id>[^/]+)$")]
    private static partial Regex ResultUrl();

    [GeneratedRegex("/ocpi/2\\.2\\.1/sender/chargingprofiles/(?<session>[^/]+)$")]
    private static partial Regex ProfileUrl();
}

using System.Text.RegularExpressions;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Commands.Receiver;
using Platform.Api.Modules.Commands.Sender;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Commands;

/// <summary>
/// Commands over both kinds of connection: a hosted eMSP's command is POSTed to {commands}/{type} at the CPO's
/// platform, or handed to the Receiver handler of a CPO hosted here; a hosted CPO's result for a hosted eMSP goes
/// to the Sender handler our response_url names, in-process.
/// </summary>
public sealed partial class CommandCallbacks(IMediator mediator) : ISentRequestModule, IInternalCallbackReceiver
{
    public string Module => ModuleIds.Commands;

    public PeerRequest BuildCall(SentRequest request, string receiverUrl) =>
        new(HttpMethod.Post, PeerEndpoints.Below(receiverUrl, request.Type), JsonNode.Parse(request.Document));

    public ValueTask<OcpiResult> SendInternallyAsync(SentRequest request, OcpiContext cpo, CancellationToken ct)
    {
        var type = Enum.Parse<CommandType>(request.Type);
        return mediator.Send(new ReceiveCommand(cpo, type, CommandBodies.Read(type, JsonNode.Parse(request.Document)!)), ct);
    }

    public ValueTask<OcpiResult> ReceiveAsync(OcpiContext emsp, HttpMethod method, string url, JsonNode body, CancellationToken ct)
    {
        var match = ResultUrl().Match(new Uri(url).AbsolutePath);
        if (method != HttpMethod.Post || !match.Success)
            return ValueTask.FromResult(OcpiResult.NotFound($"{method} {url} is not a command response_url of this platform"));
        var result = OcpiJson.Deserialize<CommandResult>(body.ToJsonString())
            ?? throw new RequestRejectedException(RejectionKind.Invalid, "The CommandResult is null");
        return mediator.Send(new ReceiveCommandResult(emsp, match.Groups["type"].Value, match.Groups["id"].Value, result), ct);
    }

    [GeneratedRegex("/ocpi/2\\.2\\.1/sender/commands/(?<type>[^/]+)/(?<id>[^/]+)$")]
    private static partial Regex ResultUrl();
}

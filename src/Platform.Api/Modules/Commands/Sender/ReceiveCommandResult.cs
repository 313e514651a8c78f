using Platform.Api.Infrastructure.Callbacks;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Commands.Sender;

/// <summary>
/// A CPO posts the CommandResult of a hosted eMSP's command to the response_url we gave it (2.2.1 mod_commands
/// Sender POST). Only the connection and party the command was sent to may post it; anyone else gets 404, as if
/// the URL did not exist. Answered with an envelope without data (M2).
/// </summary>
public sealed record ReceiveCommandResult(OcpiContext Context, string Command, string CommandId, CommandResult Body) : IRequest<OcpiResult>;

public sealed class ReceiveCommandResultValidator : AbstractValidator<ReceiveCommandResult>
{
    public ReceiveCommandResultValidator() => RuleFor(r => r.Body).SetValidator(WireValidators.Put<CommandResult>());
}

public sealed class ReceiveCommandResultHandler(SentRequestStore requests, ILogger<ReceiveCommandResultHandler> logger)
    : IRequestHandler<ReceiveCommandResult, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(ReceiveCommandResult request, CancellationToken ct)
    {
        var context = request.Context;
        var sent = await requests.FindAsync(context.HostedPartyId, ModuleIds.Commands, request.CommandId, ct);
        if (sent is null || sent.ConnectionId != context.ConnectionId || sent.CpoKey != context.Remote.Key || !CiString.Equal(sent.Type, request.Command))
            return OcpiResult.NotFound($"No command {request.Command}/{request.CommandId} of yours is awaiting a result here");
        await requests.RecordResultAsync(context.HostedPartyId, sent, OcpiJson.Serialize(request.Body), ct);
        logger.LogInformation("Command {SentRequestId} {CommandType}: result {Result} from {Cpo}", sent.Id, sent.Type, request.Body.Result, sent.CpoKey);
        return OcpiResult.Ok();
    }
}

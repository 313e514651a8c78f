using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Problems;
using Platform.Api.Modules.Tokens.Sender;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Tokens;

/// <summary>A presented token, as a charge point reports it to its CPO.</summary>
public sealed record PresentedToken(string Uid, TokenType Type, PartyRef? Emsp, LocationReferences? Location);

/// <summary>What the CPO decided and how: from its cached copy (whitelist), by asking the eMSP (real-time), or from the
/// cache because the eMSP could not be reached.</summary>
public sealed record AuthorizationDecision(AllowedType Allowed, string DecidedBy, string Reason, string? AuthorizationReference, Token? Token);

/// <summary>
/// Decides for a hosted CPO whether a presented token may charge (2.2.1 mod_tokens whitelist rules, K3):
/// ALWAYS → the cached token decides, no real-time call; ALLOWED → the cache decides when valid, else the eMSP is
/// asked (its state may have changed); ALLOWED_OFFLINE → the eMSP is asked, the cache decides only when it cannot be
/// reached; NEVER → the eMSP is always asked, even when the cache says valid=false. An unknown token is asked of the
/// eMSP named with it, if any.
/// </summary>
public sealed class TokenAuthorizer(OcpiObjectStore objects, Routing routing, PeerCalls peers, IMediator mediator,
    Platform.Api.Infrastructure.Callbacks.ReceivedRequestStore received, ConnectionProblems problems, TimeProvider clock, ILogger<TokenAuthorizer> logger)
{
    /// <summary>2.2.1 mod_commands §START_SESSION: an RFID token the eMSP just started a session for is not re-authorized (M4).</summary>
    private static readonly TimeSpan CommandGrace = TimeSpan.FromMinutes(15);

    public async Task<AuthorizationDecision> DecideAsync(HostedParty cpo, PresentedToken presented, CancellationToken ct)
    {
        var cached = await FindCachedAsync(cpo, presented, ct);
        var token = cached is null ? null : OcpiJson.Deserialize<Token>(cached.Document);
        var emsp = cached is not null ? PartyOf(cached.OwnerKey) : presented.Emsp;
        var local = token is null ? null
            : new AuthorizationDecision(token.Valid == true ? AllowedType.ALLOWED : AllowedType.BLOCKED, "whitelist",
                $"cached token, whitelist {token.Whitelist}, valid {token.Valid}", null, token);

        if (presented.Type == TokenType.RFID && await StartedByCommandAsync(cpo, presented, ct) is { } started)
            return new AuthorizationDecision(AllowedType.ALLOWED, "command", "the eMSP started a session with this token here less than 15 minutes ago",
                started.AuthorizationReference, started.Token);

        switch (token?.Whitelist)
        {
            case WhitelistType.ALWAYS:
                return local!;
            case WhitelistType.ALLOWED when token.Valid == true:
                return local!;
        }
        if (emsp is null)
            return new AuthorizationDecision(AllowedType.NOT_ALLOWED, "none", "unknown token and no eMSP named to ask", null, null);

        var asked = await AskAsync(cpo, emsp, presented, ct);
        if (asked is not null) return asked;
        // The eMSP could not be reached: only ALLOWED and ALLOWED_OFFLINE tokens fall back on the cache.
        return token?.Whitelist is WhitelistType.ALLOWED_OFFLINE or WhitelistType.ALLOWED
            ? local! with { DecidedBy = "whitelist (eMSP unreachable)" }
            : new AuthorizationDecision(AllowedType.NOT_ALLOWED, "none", $"{emsp} could not be reached for real-time authorization", null, token);
    }

    private async Task<StartSession?> StartedByCommandAsync(HostedParty cpo, PresentedToken presented, CancellationToken ct)
    {
        // The commands module keeps what a CPO received; its store answers, so tokens never read its tables.
        var documents = await received.RecentDocumentsAsync(cpo.Id, ModuleIds.Commands, nameof(CommandType.START_SESSION),
            clock.GetUtcNow().UtcDateTime - CommandGrace, ct);
        return documents.Select(d => OcpiJson.Deserialize<StartSession>(d)).FirstOrDefault(s =>
            s?.Token is { } t && CiString.Equal(t.Uid, presented.Uid) && t.Type == presented.Type
            && (presented.Emsp is null || (CiString.Equal(t.CountryCode, presented.Emsp.CountryCode) && CiString.Equal(t.PartyId, presented.Emsp.PartyId)))
            && (presented.Location?.LocationId is null || CiString.Equal(s.LocationId, presented.Location.LocationId)));
    }

    private async Task<StoredObject?> FindCachedAsync(HostedParty cpo, PresentedToken presented, CancellationToken ct)
    {
        var scope = new ObjectScope(ModuleIds.Tokens, cpo.Id, ObjectSide.Received);
        var key = new TokenKey(presented.Uid, presented.Type);
        return presented.Emsp is { } emsp
            ? await objects.FindAsync(scope, emsp.Key, key.ObjectId, ct)
            : (await objects.FindByIdAsync(scope, key.ObjectId, ct)).FirstOrDefault();
    }

    /// <summary>Real-time authorization at the token's eMSP; null when it cannot be reached.</summary>
    private async Task<AuthorizationDecision?> AskAsync(HostedParty cpo, PartyRef emsp, PresentedToken presented, CancellationToken ct)
    {
        var decision = await routing.ReachAsync(cpo.Id, emsp.Key, Role.EMSP, ModuleIds.Tokens, InterfaceRole.SENDER, ct);
        if (decision.Route is not { } route) return null;
        var key = new TokenKey(presented.Uid, presented.Type);
        if (route.Via == RouteVia.Internal)
        {
            var context = new OcpiContext(route.Connection.Id, route.InternalPartyId!.Value, emsp, Role.EMSP, new PartyRef(cpo.CountryCode, cpo.PartyId));
            var result = await mediator.Send(new AuthorizeToken(context, key, presented.Location), ct);
            return Decision((result.HttpStatus, result.StatusCode, result.Data as AuthorizationInfo, result.Message), emsp);
        }

        var url = PeerEndpoints.Find(route.Connection, ModuleIds.Tokens, InterfaceRole.SENDER);
        if (url is null || route.Connection.OutboundToken is null) return null;
        try
        {
            var answer = await peers.SendAsync<AuthorizationInfo>(route.Connection, HttpMethod.Post,
                $"{PeerEndpoints.Below(url, presented.Uid, "authorize")}?type={presented.Type}", presented.Location,
                new PartyRef(cpo.CountryCode, cpo.PartyId), emsp, ct);
            // 2.2.1 mod_tokens: an eMSP that does not know the token may answer a bare HTTP 404.
            if (answer is { HttpStatus: 404, HasEnvelope: false })
                return new(AllowedType.NOT_ALLOWED, "real-time", $"{emsp} does not know the token (HTTP 404 without an OCPI envelope)", null, null);
            if (answer.HttpStatus >= 500 || answer.StatusCode is null or >= 3000) return null;
            if (answer.DataProblem is not null)
            {
                var reason = $"{emsp} answered authorize for {presented.Type} token {presented.Uid} with {answer.Describe()}";
                await problems.RecordAsync(route.Connection.Id, ProblemDirections.Inbound, ModuleIds.Tokens, presented.Uid, answer.Describe(), reason, ct);
                return new(AllowedType.NOT_ALLOWED, "real-time", $"{emsp}'s answer could not be read: {answer.DataProblem}", null, null);
            }
            return Decision((answer.HttpStatus, answer.StatusCode.Value, answer.Data, answer.StatusMessage), emsp);
        }
        catch (PeerUnreachableException e)
        {
            logger.LogWarning("Real-time authorization at {Emsp} failed: {Error}", emsp.Key, e.Message);
            return null;
        }
    }

    private static AuthorizationDecision Decision((int Http, int Status, AuthorizationInfo? Info, string? Message) answer, PartyRef emsp) =>
        answer switch
        {
            { Status: OcpiStatus.UnknownToken } => new(AllowedType.NOT_ALLOWED, "real-time", $"{emsp} does not know the token", null, null),
            { Status: < 2000, Info: { Allowed: { } allowed } info } => new(allowed, "real-time", $"{emsp} answered {allowed}", info.AuthorizationReference, info.Token),
            _ => new(AllowedType.NOT_ALLOWED, "real-time", $"{emsp} answered status {answer.Status}: {answer.Message}", null, null),
        };

    private static PartyRef PartyOf(string key) => new(key[..2], key[3..]);
}

using Microsoft.Extensions.Primitives;
using Platform.Ocpi;
using Platform.Ocpi.Transport;

namespace Platform.Api.Tenancy;

/// <summary>
/// Resolves a functional-module call to the hosted party that must serve it and the remote party that speaks,
/// before any handler runs (DESIGN.md "How an inbound call flows"). Only parties taking part in the caller's
/// connection can be reached; a request naming any other party is refused with HTTP 404 and a message saying
/// why (digest §7: the spec is silent, project policy), never an empty answer that looks like "no data".
/// </summary>
public sealed class OcpiRoutingMiddleware(RequestDelegate next, ILogger<OcpiRoutingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, OcpiCaller caller, ConnectionRouting routing)
    {
        var route = http.GetEndpoint()?.Metadata.GetMetadata<Modules.OcpiInterface>();
        if (route is not { HostedRole: { } hostedRole })
        {
            await next(http);
            return;
        }

        var view = await routing.GetAsync(caller.ConnectionId, http.RequestAborted);
        if (view.State != ConnectionStates.Registered)
            throw new RequestRejectedException(RejectionKind.Unauthenticated, view.State == ConnectionStates.Suspended
                ? "This connection is suspended by the platform operator; functional modules are unavailable until it is resumed"
                : $"This connection is {view.State}; register before using functional modules");

        HostedParty hosted;
        PartyRef remote;
        try
        {
            hosted = ResolveHosted(http.Request.Headers, route, hostedRole, view);
            remote = ResolveRemote(http.Request.Headers, view);
            CheckUrlOwner(http, route, view);
        }
        catch (RequestRejectedException e)
        {
            // Logged here, inside the connection's log scope, so an operator sees which peer tried what.
            logger.LogWarning("Routing refused on connection {RefusedConnectionId}: {Reason}", view.ConnectionId, e.Message);
            throw;
        }

        var context = new OcpiContext(view.ConnectionId, hosted.Id, new PartyRef(hosted.CountryCode, hosted.PartyId), hostedRole, remote);
        context.AttachTo(http);
        caller.LogScope?.Routed(context.Hosted.Key, remote.Key);
        await next(http);
    }

    private static HostedParty ResolveHosted(IHeaderDictionary headers, Modules.OcpiInterface route, Role hostedRole, ConnectionRoutingView view)
    {
        var to = ReadParty(headers, OcpiHeaders.ToCountryCode, OcpiHeaders.ToPartyId);
        if (to is not null)
        {
            // Through a Hub, an unknown receiver is the Hub routing error 4001 (2.2.1 status codes, H4).
            var named = Find(view.Participants, to.CountryCode, to.PartyId, p => (p.CountryCode, p.PartyId))
                ?? throw Refuse($"{OcpiHeaders.ToCountryCode}/{OcpiHeaders.ToPartyId} name {to.Key}, which is not a party of this connection",
                    view.IsHub ? OcpiStatus.HubUnknownReceiver : null);
            if (!named.RoleList.Contains(hostedRole))
                throw Refuse($"{to.Key} takes part in this connection but not as {hostedRole}, the role that serves {route.Module} {route.Role}");
            return named;
        }
        HostedParty? only = null;
        var count = 0;
        foreach (var participant in view.Participants)
            if (participant.RoleList.Contains(hostedRole) && count++ == 0) only = participant;
        return count switch
        {
            1 => only!,
            0 => throw Refuse($"No party of this connection serves {route.Module} as {hostedRole}"),
            _ => throw Refuse($"This connection carries several {hostedRole} parties: name one with {OcpiHeaders.ToCountryCode} and {OcpiHeaders.ToPartyId}",
                OcpiStatus.InvalidOrMissingParameters),
        };
    }

    private static PartyRef ResolveRemote(IHeaderDictionary headers, ConnectionRoutingView view)
    {
        var from = ReadParty(headers, OcpiHeaders.FromCountryCode, OcpiHeaders.FromPartyId);
        var carried = view.Carried;
        if (from is not null)
            return Find(carried, from.CountryCode, from.PartyId, p => (p.CountryCode, p.PartyId))
                ?? throw Refuse($"{OcpiHeaders.FromCountryCode}/{OcpiHeaders.FromPartyId} name {from.Key}, which this connection does not carry");
        return carried.Count switch
        {
            1 => carried[0],
            0 => throw Refuse("This connection carries no remote party yet"),
            _ => throw Refuse($"This connection carries several of your parties: name yours with {OcpiHeaders.FromCountryCode} and {OcpiHeaders.FromPartyId}",
                OcpiStatus.InvalidOrMissingParameters),
        };
    }

    /// <summary>Client-owned URLs name the data owner; it must be one of the caller's parties (digest §1.8, T12).</summary>
    private static void CheckUrlOwner(HttpContext http, Modules.OcpiInterface route, ConnectionRoutingView view)
    {
        if (route.UrlOwnerRole is not { } ownerRole) return;
        if (http.GetRouteValue("countryCode") is not string cc || http.GetRouteValue("partyId") is not string pid) return;
        foreach (var remote in view.RemoteParties)
            if (CiString.Equal(remote.CountryCode, cc) && CiString.Equal(remote.PartyId, pid) && remote.Is(ownerRole))
                return;
        throw Refuse($"{PartyKey.Of(cc, pid)} in the URL is not a {ownerRole} of your connection");
    }

    // Every call looks parties up here: compared as CiStrings in place, without building each one's key.
    private static T? Find<T>(IReadOnlyList<T> parties, string countryCode, string partyId, Func<T, (string CountryCode, string PartyId)> of)
        where T : class
    {
        foreach (var party in parties)
        {
            var (cc, pid) = of(party);
            if (CiString.Equal(cc, countryCode) && CiString.Equal(pid, partyId)) return party;
        }
        return null;
    }

    /// <summary>Both headers of a pair, or neither; CiStrings, so compared by key.</summary>
    private static PartyRef? ReadParty(IHeaderDictionary headers, string countryHeader, string partyHeader)
    {
        StringValues cc = headers[countryHeader], pid = headers[partyHeader];
        if (StringValues.IsNullOrEmpty(cc) && StringValues.IsNullOrEmpty(pid)) return null;
        if (StringValues.IsNullOrEmpty(cc) || StringValues.IsNullOrEmpty(pid))
            throw Refuse($"Send both {countryHeader} and {partyHeader}, or neither", OcpiStatus.InvalidOrMissingParameters);
        var party = new PartyRef(cc.ToString().Trim(), pid.ToString().Trim());
        if (party.CountryCode.Length != 2 || party.PartyId.Length != 3 || !CiString.IsValid(party.CountryCode, 2) || !CiString.IsValid(party.PartyId, 3))
            throw Refuse($"{countryHeader}/{partyHeader} must be a 2-letter country code and a 3-character party id", OcpiStatus.InvalidOrMissingParameters);
        return party;
    }

    private static RequestRejectedException Refuse(string message, int? ocpiStatus = null) =>
        new(RejectionKind.NotFound, message, ocpiStatus);
}

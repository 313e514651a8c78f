using System.Text.Json;
using Dapper;
using Hangfire;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Problems;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.HubClientInfo;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;
using Platform.Ocpi.Validation;

namespace Platform.Api.Infrastructure.Sync;

/// <summary>
/// Pulls what a connection's peers hold for our receiving parties (GET on their Sender interface with
/// <c>date_from</c> = the start of the last successful pull, following <c>Link</c> pages), and stores each valid
/// object. Repairs whatever a missed push left out (digest §1.10: the receiver's GET is the recovery path). Through a
/// Hub, one GET All via Hub per module and receiver instead of one GET per party behind it.
/// </summary>
public sealed class ResyncJob(DbSession db, ConnectionStore connections, Routing routing, Platform.Api.Modules.HubClientInfo.ClientInfoStore clients, IEnumerable<IPullModule> modules, PeerCalls peers,
    ConnectionProblems problems, Objects.OcpiObjectStore objects, Telemetry.PlatformMetrics metrics, TimeProvider clock, ILogger<ResyncJob> logger)
{
    private const int MaxPages = 10_000;

    private const string SelectSyncedUntil = """
        SELECT synced_until FROM sync_state
        WHERE connection_id = @ConnectionId AND hosted_party_id = @HostedPartyId AND remote_key = @RemoteKey AND module = @Module
        """;

    private const string UpdateSyncState = """
        UPDATE sync_state SET synced_until = COALESCE(@SyncedUntil, synced_until), last_attempt_at = @Now, last_error = @Error
        WHERE connection_id = @ConnectionId AND hosted_party_id = @HostedPartyId AND remote_key = @RemoteKey AND module = @Module
        """;

    // One statement, so two pulls saving a new state at once cannot both insert it (UNIQUE failed under load):
    // the second inserts nothing and updates instead.
    private const string InsertSyncState = """
        INSERT INTO sync_state (connection_id, hosted_party_id, remote_key, module, synced_until, last_attempt_at, last_error)
        SELECT @ConnectionId, @HostedPartyId, @RemoteKey, @Module, @SyncedUntil, @Now, @Error
        WHERE NOT EXISTS (SELECT 1 FROM sync_state
                          WHERE connection_id = @ConnectionId AND hosted_party_id = @HostedPartyId AND remote_key = @RemoteKey AND module = @Module)
        """;

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string connectionId, bool full, CancellationToken ct)
    {
        var connection = await connections.FindAsync(connectionId, ct);
        if (connection is not { Kind: ConnectionKinds.Remote, State: ConnectionStates.Registered } || connection.OutboundToken is null) return;
        // What a 2.1.1 peer lists is read with 2.1.1's id lengths.
        using var idLengths = Platform.Ocpi.Validation.LocationIdLength.For(connection.Version);
        var participants = await connections.ParticipantsAsync(connectionId, ct);
        var remote = await connections.RemotePartiesAsync(connectionId, ct);
        if (remote.Any(r => r.Is(Role.HUB) && r.Source == RemotePartySources.Credentials))
        {
            await PullClientInfoAsync(connection, ct);
            remote = await connections.RemotePartiesAsync(connectionId, ct);
        }

        var hub = remote.FirstOrDefault(r => r.Is(Role.HUB) && r.Source == RemotePartySources.Credentials);
        foreach (var module in modules)
        {
            var url = PeerEndpoints.Find(connection, module.Module, InterfaceRole.SENDER);
            if (url is null) continue;
            foreach (var receiver in participants.Where(p => p.RoleList.Contains(module.ReceiverRole)))
            {
                List<PartyRef> owners = [];
                foreach (var owner in remote.Where(r => r.Is(module.OwnerRole) && (r.Source == RemotePartySources.Credentials || r.Status == nameof(ConnectionStatus.CONNECTED))))
                {
                    // A party also reached directly is pulled there, not through the Hub (topology 8: direct wins).
                    var route = await routing.ReachAsync(receiver.Id, PartyKey.Of(owner.CountryCode, owner.PartyId), module.OwnerRole, module.Module,
                        InterfaceRole.SENDER, ct);
                    if (route.Connection is { } other && other.Id != connectionId) continue;
                    var party = new PartyRef(owner.CountryCode, owner.PartyId);
                    if (owners.All(o => o.Key != party.Key)) owners.Add(party);
                }
                if (owners.Count == 0) continue;
                if (hub is not null && await PullAllViaHubAsync(module, url, connection, receiver, new PartyRef(hub.CountryCode, hub.PartyId), owners, full, ct))
                    continue;
                foreach (var owner in owners) await PullAsync(module, url, connection, receiver, owner, [owner], full, ct);
            }
        }
    }

    /// <summary>
    /// GET All via Hub (2.2.1 §2.6, digest §2.6): one paged GET of the module with <c>OCPI-to</c> = the Hub instead of
    /// one per party behind it; the objects of the parties this pull covers are kept, each under its owner. False when
    /// the Hub refuses that form: then the parties are pulled one by one, and the operator is told why.
    /// </summary>
    private async Task<bool> PullAllViaHubAsync(IPullModule module, string url, Connection connection, HostedParty receiver, PartyRef hub,
        IReadOnlyList<PartyRef> owners, bool full, CancellationToken ct)
    {
        var refusal = await PullAsync(module, url, connection, receiver, hub, owners, full, ct);
        if (refusal is null) return true;
        await problems.RecordAsync(connection.Id, ProblemDirections.Outbound, module.Module, null, refusal,
            $"the Hub refused GET All via Hub (GET {url} with OCPI-to {hub.Key}); {module.Module} are pulled from each party behind it instead", ct);
        return false;
    }

    /// <summary>
    /// Pulls one Sender list, every page, asking <paramref name="to"/>: the owner itself, or the Hub for all of
    /// <paramref name="owners"/>. A complete full pull then removes what a covered owner no longer lists; a pull cut
    /// short removes nothing. Returns the Hub's answer when it refused GET All via Hub on the first page, else null.
    /// </summary>
    private async Task<string?> PullAsync(IPullModule module, string url, Connection connection, HostedParty receiver, PartyRef to,
        IReadOnlyList<PartyRef> owners, bool full, CancellationToken ct)
    {
        var viaHub = owners is not [var only] || only.Key != to.Key;
        var covered = owners.ToDictionary(o => o.Key);
        var key = new { ConnectionId = connection.Id, HostedPartyId = receiver.Id, RemoteKey = to.Key, module.Module };
        var since = full ? null : await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<DateTime?>(
            new CommandDefinition(SelectSyncedUntil, key, db.Transaction, cancellationToken: ct));
        var startedAt = clock.GetUtcNow().UtcDateTime;
        // A full pull asks for everything without date_from, except where the Sender requires one (2.2.1 mod_sessions):
        // there the epoch means "everything".
        string? next = since is null && module.Module != ModuleIds.Sessions
            ? url
            : $"{url}?date_from={Uri.EscapeDataString(OcpiDateTime.Format(since ?? DateTime.UnixEpoch))}";
        int pages = 0, stored = 0, invalid = 0, uncovered = 0;
        var listed = owners.ToDictionary(o => o.Key, _ => new HashSet<string>(StringComparer.Ordinal));
        string? error = null, refusal = null;
        try
        {
            while (next is not null && pages++ < MaxPages)
            {
                var answer = await peers.SendAsync<List<JsonElement>>(connection, HttpMethod.Get, next, null, new PartyRef(receiver.CountryCode, receiver.PartyId), to, ct);
                if (!answer.IsSuccess || answer.Data is null)
                {
                    error = $"GET {next} answered {answer.Describe()}";
                    if (viaHub && pages == 1 && RefusesGetAll(answer)) refusal = answer.Describe();
                    break;
                }
                foreach (var item in answer.Data)
                {
                    // Through the Hub the objects of many parties come merged: each is kept under its own owner, and
                    // only for a party this pull covers (not one reached directly, nor one the Hub has not CONNECTED).
                    var owner = viaHub ? covered.GetValueOrDefault(OwnerKey(item) ?? "") : to;
                    if (owner is null)
                    {
                        uncovered++;
                        continue;
                    }
                    var outcome = await module.StoreAsync(receiver.Id, owner, item, ct);
                    if (outcome.ObjectId is { } id) listed[owner.Key].Add(CiString.Key(id));
                    if (outcome.Outcome == PullOutcome.Stored) stored++;
                    if (outcome.Outcome == PullOutcome.Invalid)
                    {
                        invalid++;
                        await problems.RecordAsync(connection.Id, ProblemDirections.Inbound, module.Module, outcome.ObjectId, $"in the answer to GET {next}",
                            $"refused on pull: {outcome.Reason}", ct);
                    }
                }
                next = NextLink(answer.Headers?.TryGetValues(OcpiHeaders.Link, out var links) == true ? links : []);
            }
        }
        catch (PeerUnreachableException e)
        {
            error = e.Message;
        }
        await SaveStateAsync(key, error is null ? startedAt : null, error, ct);
        metrics.ResyncPulled(connection.Id, module.Module, stored, complete: error is null);
        var removed = 0;
        // Only after every page arrived: an outage half-way must never read as "the sender no longer lists these".
        if (full && error is null && next is null)
            foreach (var owner in owners)
            {
                // Through a Hub, a party with nothing in the merged list may only have been out of the Hub's reach
                // this time: nothing of it is removed on that alone.
                if (viaHub && listed[owner.Key].Count == 0) continue;
                removed += await RemoveUnlistedAsync(module, receiver, owner, listed[owner.Key], ct);
            }
        var from = viaHub ? $"{to.Key} (GET All via Hub for {owners.Count} parties)" : to.Key;
        if (error is null)
            logger.LogInformation("Resync of {Module} from {Owner} for {Receiver}: {Stored} stored, {Invalid} invalid skipped, {Removed} no longer listed removed, {Uncovered} of parties not pulled here skipped, {Pages} pages",
                module.Module, from, receiver.Key, stored, invalid, removed, uncovered, pages);
        else
            logger.LogWarning("Resync of {Module} from {Owner} for {Receiver} stopped: {Error}", module.Module, from, receiver.Key, error);
        return refusal;
    }

    /// <summary>
    /// A Hub without GET All via Hub answers the form itself as wrong: HTTP 400/404/405/501, an OCPI 2xxx client
    /// error, or 4001 (no receiver by the Hub's own party). An outage (no answer, 5xx, 3xxx, 4002/4003) is no refusal:
    /// asking each party through the same Hub would not fare better.
    /// </summary>
    private static bool RefusesGetAll<T>(PeerAnswer<T> answer) =>
        answer.HttpStatus is 400 or 404 or 405 or 501 || answer.StatusCode is >= 2000 and < 3000 or OcpiStatus.HubUnknownReceiver;

    /// <summary>The owner key of a pulled object, from its own country_code and party_id (2.2.1: every such object has both).</summary>
    private static string? OwnerKey(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("country_code", out var cc) && cc.ValueKind == JsonValueKind.String
        && item.TryGetProperty("party_id", out var pid) && pid.ValueKind == JsonValueKind.String
            ? PartyKey.Of(cc.GetString()!, pid.GetString()!) : null;

    /// <summary>
    /// After a complete full pull, what the owner no longer lists is gone at the source: removed here too. CDRs stay:
    /// they are immutable records of money, and a Sender may list only recent ones.
    /// </summary>
    private async Task<int> RemoveUnlistedAsync(IPullModule module, HostedParty receiver, PartyRef owner, HashSet<string> listed, CancellationToken ct)
    {
        if (module.Module == ModuleIds.Cdrs) return 0;
        var scope = new Objects.ObjectScope(module.Module, receiver.Id, Objects.ObjectSide.Received);
        var removed = 0;
        foreach (var key in (await objects.KeysOfOwnerAsync(scope, owner.Key, ct)).Where(k => !listed.Contains(k)))
            if (await objects.DeleteAsync(scope, owner.Key, key, ct)) removed++;
        return removed;
    }

    /// <summary>The Hub's list of the parties it reaches (2.2.1 §4.8 Sender GET), on registration and every resync.</summary>
    private async Task PullClientInfoAsync(Connection connection, CancellationToken ct)
    {
        var url = PeerEndpoints.Find(connection, ModuleIds.HubClientInfo, InterfaceRole.SENDER);
        if (url is null) return;
        try
        {
            string? next = url;
            for (var pages = 0; next is not null && pages < MaxPages; pages++)
            {
                var answer = await peers.SendAsync<List<ClientInfo>>(connection, HttpMethod.Get, next, null, null, null, ct);
                if (!answer.IsSuccess || answer.Data is null)
                {
                    logger.LogWarning("Reading the Hub's ClientInfo at {Url} answered {Answer}", next, answer.Describe());
                    return;
                }
                foreach (var info in answer.Data.Where(i => WireValidators.Put<ClientInfo>().Validate(i).IsValid))
                    await clients.SaveAsync(connection.Id, info, ct);
                next = NextLink(answer.Headers?.TryGetValues(OcpiHeaders.Link, out var links) == true ? links : []);
            }
        }
        catch (PeerUnreachableException e)
        {
            logger.LogWarning("Reading the Hub's ClientInfo failed: {Error}", e.Message);
        }
    }

    private async Task SaveStateAsync(object key, DateTime? syncedUntil, string? error, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new DynamicParameters(key);
        args.Add("SyncedUntil", syncedUntil);
        args.Add("Error", error);
        args.Add("Now", clock.GetUtcNow().UtcDateTime);
        var update = new CommandDefinition(UpdateSyncState, args, db.Transaction, cancellationToken: ct);
        if (await connection.ExecuteAsync(update) == 0
            && await connection.ExecuteAsync(new CommandDefinition(InsertSyncState, args, db.Transaction, cancellationToken: ct)) == 0)
            await connection.ExecuteAsync(update);
    }

    /// <summary>The URL of <c>Link: &lt;url&gt;; rel="next"</c>, if any.</summary>
    public static string? NextLink(IEnumerable<string> values)
    {
        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts.Skip(1).Any(p => p.Replace(" ", "") is "rel=\"next\"" or "rel=next"))
                return parts[0].Trim('<', '>', ' ');
        }
        return null;
    }
}

using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// The edge where OCPI versions meet the one 2.2.1 model: every body we read and every answer we write on an
/// interface of another version, and every call over a connection of another version, passes through the
/// version's <see cref="IWireTranslator"/> here and nowhere else. Handlers, validators and stores see 2.2.1 only.
/// </summary>
public sealed class WireEdge(IEnumerable<IWireTranslator> translators, OcpiCaller caller, ConnectionStore connections, PartyStore parties,
    OcpiObjectStore objects, TimeProvider clock, ILogger<WireEdge> logger)
{
    /// <summary>The version of the OCPI request being answered: its route value, else 2.2.1.</summary>
    public static string VersionOf(HttpContext? http) =>
        http?.GetRouteValue(OcpiVersionRouteConstraint.Parameter) as string ?? OcpiVersions.V221;

    /// <summary>An OCPI request is read with the id lengths of the version its URL names (2.1.1: 39-character Location ids).</summary>
    public static async Task WithVersionIdLengths(HttpContext http, RequestDelegate next)
    {
        using (Platform.Ocpi.Validation.LocationIdLength.For(VersionOf(http)))
            await next(http);
    }

    private IWireTranslator? For(string? version) => translators.FirstOrDefault(t => t.Version == version);

    /// <summary>A request body of another version, as the 2.2.1 JSON the endpoint binds (broken JSON passes on as it is, to be refused there).</summary>
    public async Task<ReadOnlyMemory<byte>> InboundAsync(HttpContext http, Type bodyType, ReadOnlyMemory<byte> bytes)
    {
        var version = VersionOf(http);
        if (version == OcpiVersions.V221 || For(version) is not { } translator) return bytes;
        var kind = WireKinds.OfBody(bodyType, http.GetRouteValue("command") as string);
        if (kind == WireKind.None) return bytes;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span);
        }
        catch (JsonException)
        {
            return bytes;
        }
        if (node is null) return bytes;
        var context = await InboundContextAsync(http, version, kind);
        if (HttpMethods.IsPatch(http.Request.Method)) context = context with { PatchReadAt = clock.GetUtcNow().UtcDateTime };
        var translated = translator.FromPeer(kind, node, context);
        return JsonSerializer.SerializeToUtf8Bytes(translated, OcpiJson.Options);
    }

    /// <summary>
    /// The data of an answer to one of our interfaces, in the version the request came in. Most answers go as they are,
    /// decided without the translators, so that the edge itself (and the stores it takes) is built only for the others:
    /// a stored 2.2.1 document that names nothing 2.2.1 leaves out, and any 2.2.1 answer of a kind that cannot hold such
    /// a name (an authorization, a token).
    /// </summary>
    public static ValueTask<object?> AnswerAsync(HttpContext http, object? data)
    {
        if (data is null) return ValueTask.FromResult(data);
        var version = VersionOf(http);
        if (data is JsonElement element && SendsAsStored(version, element)) return ValueTask.FromResult<object?>(data);
        var kind = http.GetEndpoint()?.Metadata.GetMetadata<OcpiInterface>() is { } route
            ? WireKinds.OfAnswer(route.Module, route.Role.ToString(), http.Request.RouteValues, http.Request.Path.Value ?? "")
            : WireKind.None;
        if (kind == WireKind.None || (version == OcpiVersions.V221 && !Translator221.MayHoldLaterFields(kind))
            || http.RequestServices.GetService<WireEdge>() is not { } edge || edge.For(version) is not { } translator)
            return ValueTask.FromResult<object?>(data);
        return edge.ToPeerAsync(http, version, kind, translator, data);
    }

    /// <summary>The same of one stored document, in the version <paramref name="version"/> (an answer, an item of a page, or a push).</summary>
    private static bool SendsAsStored(string version, JsonElement document) =>
        version == OcpiVersions.V221 && Translator221.NamesNothingLater(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(document));

    private async ValueTask<object?> ToPeerAsync(HttpContext http, string version, WireKind kind, IWireTranslator translator, object data)
    {
        var context = OcpiContext.Find(http) is { } routed
            ? new WireContext(version, routed.Hosted, routed.Remote)
            : new WireContext(version, null, null);
        var visited = version == OcpiVersions.V211 ? new Dictionary<string, JsonObject?>(StringComparer.Ordinal) : null;
        if (data is IReadOnlyList<JsonElement> documents)
        {
            // A page of stored documents: each goes as it is when it can, as a single answer does; only the others become trees.
            var page = new List<object>(documents.Count);
            foreach (var document in documents)
            {
                if (SendsAsStored(version, document)) page.Add(document);
                else if (await ItemToPeerAsync(translator, kind, JsonObject.Create(document)!, context, visited, http.RequestAborted) is { } item) page.Add(item);
            }
            return page;
        }
        var node = data as JsonNode ?? JsonSerializer.SerializeToNode(data, OcpiJson.Options);
        if (node is null) return data;
        if (data is JsonNode) node = node.DeepClone();
        if (node is not JsonArray list) return translator.ToPeer(kind, node, await WithVisitedLocationAsync(context, kind, node, visited, http.RequestAborted));
        var items = list.ToArray();
        list.Clear();
        var answer = new JsonArray();
        foreach (var item in items)
            if (item is not null && await ItemToPeerAsync(translator, kind, item, context, visited, http.RequestAborted) is { } translated)
                answer.Add(translated);
        return answer;
    }

    /// <summary>One object of a page in the peer's version; null when the version cannot express it (a credit CDR to 2.1.1).</summary>
    /// <remarks>Left out of the page, not failing the whole page.</remarks>
    private async ValueTask<JsonNode?> ItemToPeerAsync(IWireTranslator translator, WireKind kind, JsonNode item, WireContext context,
        Dictionary<string, JsonObject?>? visited, CancellationToken ct)
    {
        try
        {
            return translator.ToPeer(kind, item, await WithVisitedLocationAsync(context, kind, item, visited, ct));
        }
        catch (WireUnsupportedException e)
        {
            logger.LogInformation("Left out of a {Kind} page answered in OCPI {Version}: {Reason}", kind, context.Version, e.Message);
            return null;
        }
    }

    /// <summary>
    /// A 2.1.1 Session or CDR carries the whole Location it happened at: the hosted CPO's own, as a push sends it. Read
    /// once per location for a page (<paramref name="visited"/>): a page of sessions mostly names a few locations.
    /// </summary>
    private async ValueTask<WireContext> WithVisitedLocationAsync(WireContext context, WireKind kind, JsonNode item,
        Dictionary<string, JsonObject?>? visited, CancellationToken ct)
    {
        if (visited is null || kind is not (WireKind.Session or WireKind.Cdr) || context.Ours is not { } owner) return context;
        var locationId = VisitedLocationId(item) ?? "";
        if (!visited.TryGetValue(locationId, out var location)) visited[locationId] = location = await OwnLocationAsync(owner, item, ct);
        return context with { Location = location };
    }

    private static string? VisitedLocationId(JsonNode node) => Json.Text(node, "location_id") ?? Json.Text(node["cdr_location"], "id");

    /// <summary>
    /// A call over <paramref name="connection"/> in its version: the body to send and how to read the answer's data.
    /// The kinds come from the module whose endpoint the URL lies below, unless the caller names them.
    /// </summary>
    public async Task<OutboundCall> OutboundAsync(Connection connection, HttpMethod method, string url, object? body, PartyRef? from, PartyRef? to,
        WireKind? bodyKind, WireKind? answerKind, CancellationToken ct)
    {
        var version = connection.Version ?? OcpiVersions.V221;
        if (For(version) is not { } translator || connection.IsInternal) return new OutboundCall(body, null);
        var (module, segments) = Below(connection, url);
        var (callBody, callAnswer) = WireKinds.OfCall(module, segments, method.Method);
        var (bk, ak) = (bodyKind ?? callBody, answerKind ?? callAnswer);
        var context = new WireContext(version, from, to);
        object? sent = body;
        // A stored document that names nothing later goes to a 2.2.1 peer as it is stored, as an answer does.
        if (body is not null && bk != WireKind.None && (version != OcpiVersions.V221 || Translator221.MayHoldLaterFields(bk))
            && !(body is JsonElement document && SendsAsStored(version, document)))
        {
            var node = body as JsonNode is { } given ? given.DeepClone() : JsonSerializer.SerializeToNode(body, OcpiJson.Options);
            if (node is not null)
            {
                if (version == OcpiVersions.V211 && bk is WireKind.Session or WireKind.Cdr && from is not null)
                    context = context with { Location = await OwnLocationAsync(from, node, ct) };
                sent = translator.ToPeer(bk, node, context);
            }
        }
        Func<JsonNode, JsonNode>? read = version == OcpiVersions.V221 || ak == WireKind.None ? null : n => translator.FromPeer(ak, n, context);
        return new OutboundCall(sent, read);
    }

    /// <summary>
    /// A status PATCH names one EVSE of the stored <paramref name="location"/>; a peer whose version cannot name any of
    /// its connectors never got that EVSE (<see cref="ConnectorStandards"/>), so the PATCH is not sent either.
    /// </summary>
    public static void RequireEvseExpressible(string? version, string? location, string? evseUid)
    {
        if (version is null or OcpiVersions.V230 || location is null || evseUid is null || !ConnectorStandards.MayNameUnknown(location, version)) return;
        if (JsonNode.Parse(location)?["evses"] is not JsonArray evses) return;
        if (evses.OfType<JsonObject>().FirstOrDefault(e => Json.Text(e, "uid") == evseUid)?.DeepClone() is JsonObject evse)
            ConnectorStandards.Require(ConnectorStandards.KeepInEvse(evse, ConnectorStandards.Of(version)), evse, version);
    }

    /// <summary>Our credentials in <paramref name="version"/>, and how to read the peer's answer (a 2.1.1 peer's role derived from ours).</summary>
    public (object Body, Func<JsonNode, JsonNode>? Read) Credentials(string version, Platform.Ocpi.Model.Credentials.Credentials ours, IEnumerable<HostedParty> participants)
    {
        if (version == OcpiVersions.V221 || For(version) is not { } translator) return (ours, null);
        var context = new WireContext(version, null, null, Counterpart(participants));
        return (translator.ToPeer(WireKind.Credentials, JsonSerializer.SerializeToNode(ours, OcpiJson.Options)!, context),
            n => translator.FromPeer(WireKind.Credentials, n, context));
    }

    /// <summary>
    /// The role of the party across a 2.1.1 connection, which 2.1.1 does not say: the counterpart of our party's role
    /// (an eMSP for our CPO). A party with both roles is taken as CPO, as its version details list (README).
    /// </summary>
    public static Role Counterpart(IEnumerable<HostedParty> participants) =>
        participants.Any(p => p.RoleList.Contains(Role.CPO)) ? Role.EMSP : Role.CPO;

    private async Task<WireContext> InboundContextAsync(HttpContext http, string version, WireKind kind)
    {
        if (OcpiContext.Find(http) is { } routed)
        {
            var owner = http.GetRouteValue("countryCode") is string cc && http.GetRouteValue("partyId") is string pid ? new PartyRef(cc, pid) : routed.Remote;
            return new WireContext(version, routed.Hosted, owner);
        }
        if (kind != WireKind.Credentials || caller.Token is null) return new WireContext(version, null, null);
        return new WireContext(version, null, null, Counterpart(await connections.ParticipantsAsync(caller.ConnectionId, http.RequestAborted)));
    }

    /// <summary>The module of the peer's endpoint <paramref name="url"/> lies below, and the unescaped path segments below it.</summary>
    private static (string Module, IReadOnlyList<string> Segments) Below(Connection connection, string url)
    {
        var path = url.Split('?', 2)[0];
        var endpoint = PeerEndpoints.All(connection).Where(e => e.Url is { } u && path.StartsWith(u.TrimEnd('/'), StringComparison.Ordinal))
            .MaxBy(e => e.Url!.Length);
        if (endpoint is null) return ("other", []);
        var rest = path[endpoint.Url!.TrimEnd('/').Length..];
        return (endpoint.Identifier!, rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList());
    }

    /// <summary>The hosted CPO's own location a Session or CDR names (2.1.1 carries it whole); null when not held.</summary>
    private async Task<JsonObject?> OwnLocationAsync(PartyRef owner, JsonNode node, CancellationToken ct)
    {
        var locationId = VisitedLocationId(node);
        if (locationId is null || await parties.FindAsync(owner.CountryCode, owner.PartyId, ct) is not { } party) return null;
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, party.Id, ObjectSide.Own), owner.Key, locationId, ct);
        if (stored is null) logger.LogInformation("Location {LocationId} of {Owner} is not held: the 2.1.1 Session/CDR carries what its cdr_location says", locationId, owner.Key);
        return stored is null ? null : JsonNode.Parse(stored.Document) as JsonObject;
    }
}

/// <summary>What to send on a call and how to read its answer's data into the model (null: as it is).</summary>
public sealed record OutboundCall(object? Body, Func<JsonNode, JsonNode>? ReadData);

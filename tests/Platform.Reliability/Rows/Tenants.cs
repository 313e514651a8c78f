using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// One platform with several tenants and every kind of caller the isolation and hygiene rows need: hosted CPOs NL*CPO and
/// NL*CP2 and eMSP DE*MSP; peer 1 (eMSP DE*FAK) registered for NL*CPO; peer 2 (eMSP FR*OTH) for NL*CP2; a Hub (NL*HUB) for
/// NL*CPO that reports its client IT*SUS SUSPENDED; an expired invitation; a connection deleted after registration. The
/// other tenants' data carries <see cref="Marker"/> in its ids, so any answer that shows it leaked.
/// </summary>
public sealed class Tenants : IAsyncDisposable
{
    public const string Marker = "SECRET";

    public required PlatformInstance Platform { get; init; }
    public required FakePeer Peer1 { get; init; }
    public required FakePeer Peer2 { get; init; }
    public required FakePeer Hub { get; init; }
    public required FakePeer Gone { get; init; }
    /// <summary>A CPO peer (NL*FKC) registered for the hosted eMSP DE*MSP: it calls the eMSP's Receiver interfaces.</summary>
    public required FakePeer PeerCpo { get; init; }
    public required string PeerCpoTokenC { get; init; }
    public required string Conn1 { get; init; }
    public required string Conn1TokenA { get; init; }
    public required string Conn1TokenC { get; init; }
    public required string Conn2TokenC { get; init; }
    public required string HubTokenC { get; init; }
    public required string ExpiredInvitationToken { get; init; }
    public required string RevokedTokenC { get; init; }

    /// <summary>Every credentials token the platform ever accepted or handed out here, for the hygiene scan.</summary>
    public IEnumerable<string> AllTokens => [Conn1TokenA, Conn1TokenC, PeerCpoTokenC, Conn2TokenC, HubTokenC, ExpiredInvitationToken, RevokedTokenC];

    public static async Task<Tenants> StartAsync(InstanceSetup? setup = null)
    {
        var platform = await PlatformInstance.StartAsync(setup ?? Setup());
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "CP2", "CPO");
        await platform.CreatePartyAsync("DE", "MSP", "EMSP");

        var peer1 = await FakePeer.StartAsync();
        peer1.Party = ("EMSP", "DE", "FAK");
        var (conn1, a1, c1) = await RegisterAsync(platform, peer1, "NL*CPO");
        var peer2 = await FakePeer.StartAsync();
        peer2.Party = ("EMSP", "FR", "OTH");
        var (_, _, c2) = await RegisterAsync(platform, peer2, "NL*CP2");
        var hub = await FakePeer.StartAsync();
        hub.Party = ("HUB", "NL", "HUB");
        var (_, _, hubC) = await RegisterAsync(platform, hub, "NL*CPO");
        using (var asHub = new OcpiClient(hubC))
        {
            var info = new JsonObject
            {
                ["country_code"] = "IT", ["party_id"] = "SUS", ["role"] = "EMSP", ["status"] = "SUSPENDED", ["last_updated"] = Builders.Now,
            };
            var put = await asHub.PutAsync(platform.Url + "/ocpi/2.2.1/receiver/hubclientinfo/IT/SUS", info);
            if (put.StatusCode != 1000) throw new InvalidOperationException("Hub client info: " + put);
        }
        var peerCpo = await FakePeer.StartAsync();
        peerCpo.Party = ("CPO", "NL", "FKC");
        var (_, _, cpoC) = await RegisterAsync(platform, peerCpo, "DE*MSP");
        var expired = await platform.InviteAsync("expired", "NL*CPO");
        await platform.ExpireTokensAsync((string)expired["connection_id"]!);
        var gone = await FakePeer.StartAsync();
        gone.Party = ("EMSP", "BE", "GON");
        var (goneId, _, goneC) = await RegisterAsync(platform, gone, "NL*CPO");
        var deleted = await platform.Admin.DeleteAsync($"/admin/connections/{goneId}");
        if (!deleted.IsSuccessStatusCode) throw new InvalidOperationException("Deleting a connection: " + (int)deleted.StatusCode);

        // The other tenants' data, named so that a leak shows.
        await Ensure(platform.Admin.PutAsJsonAsync($"/admin/parties/NL/CP2/cpo/locations/{Marker}LOC2", Builders.Location("NL", "CP2", Marker + "LOC2")));
        await Ensure(platform.Admin.PutAsJsonAsync($"/admin/parties/DE/MSP/emsp/tokens/{Marker}TOK?type=RFID", Builders.Token("DE*MSP", Marker + "TOK")));
        await Ensure(platform.Admin.PostAsJsonAsync("/admin/parties/NL/CP2/cpo/cdrs", Builders.Cdr("NL*CP2", Marker + "CDR2", "FR*OTH")));
        // NL*CPO's own data, which the matrix's callers may address.
        await Ensure(platform.Admin.PutAsJsonAsync("/admin/parties/NL/CPO/cpo/locations/LOC1", Builders.Location("NL", "CPO", "LOC1")));

        return new Tenants
        {
            Platform = platform, Peer1 = peer1, PeerCpo = peerCpo, PeerCpoTokenC = cpoC, Peer2 = peer2, Hub = hub, Gone = gone, Conn1 = conn1, Conn1TokenA = a1, Conn1TokenC = c1,
            Conn2TokenC = c2, HubTokenC = hubC, ExpiredInvitationToken = (string)expired["token"]!, RevokedTokenC = goneC,
        };
    }

    /// <summary>
    /// Settings of a platform the rows start in this process: its peers listen on 127.0.0.1, which the outbound URL policy
    /// refuses unless allowed (appsettings.Development.json allows it, but the rows run from the repository root).
    /// </summary>
    public static InstanceSetup Setup(params (string Key, string Value)[] more) =>
        new(new Dictionary<string, string>(more.Select(m => KeyValuePair.Create(m.Key, m.Value)).Prepend(KeyValuePair.Create("Peers:AllowPrivateNetworks", "true"))
            .GroupBy(p => p.Key).Select(g => g.Last())));

    /// <summary>The platform invites <paramref name="party"/> and the fake peer registers; returns (connection id, token A, token C).</summary>
    public static Task<(string Id, string A, string C)> RegisterAsync(PlatformInstance platform, FakePeer peer, string party) =>
        RegisterAsync(platform.Url, platform.Admin, peer, party);

    /// <inheritdoc cref="RegisterAsync(PlatformInstance, FakePeer, string)"/>
    public static async Task<(string Id, string A, string C)> RegisterAsync(string platformUrl, HttpClient admin, FakePeer peer, string party)
    {
        var b = FakePeer.NewToken();
        lock (GivenTokens) GivenTokens.Add(b);
        return await RegisterAsync(platformUrl, admin, peer, party, b);
    }

    /// <summary>Every token B a fake peer gave the platform to call it with (this process).</summary>
    public static List<string> GivenTokens { get; } = [];

    private static async Task<(string Id, string A, string C)> RegisterAsync(string platformUrl, HttpClient admin, FakePeer peer, string party, string b)
    {
        // A peer that takes every push and has nothing to give, so that the platform's own traffic settles.
        peer.Answer ??= r => r.Method == "GET" ? (200, new JsonArray(), 1000) : (200, null, 1000);
        var invited = await admin.PostAsJsonAsync("/admin/connections/invitations", new { name = "peer " + peer.Party.PartyId, parties = new[] { party }, expires_in_hours = 1 });
        var invitation = JsonNode.Parse(await invited.Content.ReadAsStringAsync())!;
        if (!invited.IsSuccessStatusCode) throw new InvalidOperationException($"Invitation: {(int)invited.StatusCode} {invitation}");
        var a = (string)invitation["token"]!;
        using var client = new OcpiClient(a);
        var answer = await client.PostAsync(platformUrl + "/ocpi/2.2.1/credentials", peer.Credentials(b));
        if (answer.StatusCode != 1000) throw new InvalidOperationException($"Registration of {peer.Party}: {answer}");
        return ((string)invitation["connection_id"]!, a, (string)answer.Data!["token"]!);
    }

    /// <summary>Waits until the database stops changing (pushes, pulls and registrations settled): two equal fingerprints a second apart.</summary>
    public static async Task<IReadOnlyDictionary<string, (long Rows, string Hash)>> QuietFingerprintAsync(string file, IReadOnlySet<string>? skip = null,
        int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = await DatabaseFingerprint.TakeAsync(file, skip);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var now = await DatabaseFingerprint.TakeAsync(file, skip);
            if (DatabaseFingerprint.Changed(last, now).Count == 0) return now;
            last = now;
        }
        return last;
    }

    private static async Task Ensure(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        foreach (var peer in new[] { Peer1, Peer2, Hub, Gone, PeerCpo }) await peer.DisposeAsync();
    }
}

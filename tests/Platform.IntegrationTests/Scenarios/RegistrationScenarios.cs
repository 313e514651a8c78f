using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// The registration handshake against one platform, with the test playing the peer (a <see cref="FakePeer"/>
/// serving its versions and an <see cref="OcpiClient"/> making its calls), so that it knows tokens A, B and C.
/// Acceptance seeds R1–R9 of the digest (§8).
/// </summary>
public sealed class RegistrationScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A platform hosting NL*CPO and NL*OTH that invited the peer for NL*CPO only, and the fake peer.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        public required PlatformInstance Platform { get; init; }
        public required FakePeer Peer { get; init; }
        public required string ConnectionId { get; init; }
        public required string TokenA { get; init; }
        public required string VersionsUrl { get; init; }

        public string CredentialsUrl => Platform.Url + "/ocpi/2.2.1/credentials";

        public static async Task<Setup> StartAsync(string versions = "2.2.1")
        {
            var platform = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Ocpi:Versions"] = versions }));
            await platform.CreatePartyAsync("NL", "CPO", "CPO");
            await platform.CreatePartyAsync("NL", "OTH", "CPO");
            var invitation = await platform.InviteAsync("fake peer", "NL*CPO");
            return new Setup
            {
                Platform = platform,
                Peer = await FakePeer.StartAsync(),
                ConnectionId = (string)invitation["connection_id"]!,
                TokenA = (string)invitation["token"]!,
                VersionsUrl = (string)invitation["versions_url"]!,
            };
        }

        /// <summary>The peer registers with token A and its new token B; returns B and the platform's token C.</summary>
        public async Task<(string B, string C)> RegisterAsync()
        {
            var b = FakePeer.NewToken();
            using var client = new OcpiClient(TokenA);
            var answer = await client.PostAsync(CredentialsUrl, Peer.Credentials(b), Ct);
            Assert.True(answer.StatusCode == 1000, answer.ToString());
            return (b, (string)answer.Data!["token"]!);
        }

        public Task<JsonObject> ConnectionAsync() => Platform.ConnectionAsync(ConnectionId);

        public async ValueTask DisposeAsync()
        {
            await Peer.DisposeAsync();
            await Platform.DisposeAsync();
        }
    }

    private static async Task<HttpStatusCode> StatusWith(string token, HttpMethod method, string url, object? body = null)
    {
        using var client = new OcpiClient(token);
        return (await client.SendAsync(method, url, body, ct: Ct)).Status;
    }

    /// <summary>A 127.0.0.1 URL where nothing listens.</summary>
    private static string UnreachableVersionsUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/ocpi/versions";
    }

    private static void AssertNothingStored(JsonObject connection)
    {
        Assert.Equal("pending", (string?)connection["state"]);
        Assert.Null((string?)connection["version"]);
        Assert.Empty(connection["remote_parties"]!.AsArray());
        Assert.Empty(connection["endpoints"]!.AsArray());
        Assert.Null((string?)connection["registered_at"]);
    }

    [Fact]
    public async Task R5_registration_answers_token_C_our_versions_url_and_only_the_invited_parties_and_token_A_dies()
    {
        await using var s = await Setup.StartAsync();
        var b = FakePeer.NewToken();
        using var peer = new OcpiClient(s.TokenA);

        var answer = await peer.PostAsync(s.CredentialsUrl, s.Peer.Credentials(b), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.StatusCode == 1000, answer.ToString());
        var c = (string)answer.Data!["token"]!;
        Assert.NotEqual(s.TokenA, c);
        Assert.NotEqual(b, c);
        Assert.Equal(s.Platform.Url + "/ocpi/versions", (string?)answer.Data["url"]);
        var role = Assert.Single(answer.Data["roles"]!.AsArray())!;
        Assert.Equal(("CPO", "NL", "CPO"), ((string?)role["role"], (string?)role["country_code"], (string?)role["party_id"]));

        // Token A is void on every endpoint it used to open; token C opens them.
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, s.VersionsUrl), (HttpMethod.Get, s.Platform.Url + "/ocpi/2.2.1"), (HttpMethod.Get, s.CredentialsUrl),
                 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(s.TokenA, method, url));
            Assert.Equal(HttpStatusCode.OK, await StatusWith(c, method, url));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(s.TokenA, HttpMethod.Post, s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken())));
        using var withC = new OcpiClient(c);
        Assert.Equal(c, (string?)(await withC.GetAsync(s.CredentialsUrl, Ct)).Data!["token"]);

        var connection = await s.ConnectionAsync();
        Assert.Equal("registered", (string?)connection["state"]);
        Assert.Equal("2.2.1", (string?)connection["version"]);
        var remote = Assert.Single(connection["remote_parties"]!.AsArray())!;
        Assert.Equal(("EMSP", "DE", "FAK"), ((string?)remote["role"], (string?)remote["country_code"], (string?)remote["party_id"]));
    }

    [Fact]
    public async Task R3_before_answering_the_POST_the_platform_reads_the_peers_versions_and_details_with_token_B()
    {
        await using var s = await Setup.StartAsync();
        var (b, _) = await s.RegisterAsync();

        var calls = s.Peer.Requests;
        Assert.Contains(calls, r => r is { Method: "GET", Path: "/ocpi/versions" });
        Assert.Contains(calls, r => r is { Method: "GET", Path: "/ocpi/2.2.1" });
        Assert.All(calls, r => Assert.Equal(b, r.Token));
    }

    [Fact]
    public async Task A_2_1_1_peer_registers_with_its_raw_token_A_and_is_called_back_with_its_raw_token_B_and_flat_credentials()
    {
        await using var s = await Setup.StartAsync("2.1.1,2.2.1");
        s.Peer.Versions.Clear();
        s.Peer.Versions.Add("2.1.1");
        var b = FakePeer.NewToken();
        using var client = new OcpiClient(s.TokenA, raw: true);
        var flat = new JsonObject
        {
            ["token"] = b, ["url"] = s.Peer.VersionsUrl, ["business_details"] = new JsonObject { ["name"] = "Old eMSP" },
            ["party_id"] = "OLD", ["country_code"] = "DE",
        };

        var answer = await client.PostAsync(s.Platform.Url + "/ocpi/2.1.1/credentials", flat, Ct);

        Assert.True(answer.StatusCode == 1000, answer.ToString());
        var ours = answer.Data!.AsObject();
        Assert.Equal(("NL", "CPO"), ((string?)ours["country_code"], (string?)ours["party_id"]));
        Assert.Null(ours["roles"]);
        Assert.Contains(s.Peer.Requests, r => r is { Method: "GET", Path: "/ocpi/2.1.1" });
        Assert.All(s.Peer.Requests, r => Assert.Equal("Token " + b, r.Authorization));
        Assert.Equal("2.1.1", (string?)(await s.ConnectionAsync())["version"]);

        // Token C opens the platform raw, as a 2.1.1 peer sends it.
        using var withC = new OcpiClient((string)ours["token"]!, raw: true);
        Assert.Equal(1000, (await withC.SendAsync(HttpMethod.Get, s.Platform.Url + "/ocpi/2.1.1/credentials", ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task R3_an_unreachable_versions_url_answers_3001_stores_nothing_and_token_A_still_works()
    {
        await using var s = await Setup.StartAsync();
        using var peer = new OcpiClient(s.TokenA);
        var credentials = s.Peer.Credentials(FakePeer.NewToken());
        credentials["url"] = UnreachableVersionsUrl();

        var answer = await peer.PostAsync(s.CredentialsUrl, credentials, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.StatusCode == 3001, answer.ToString());
        AssertNothingStored(await s.ConnectionAsync());
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(s.VersionsUrl, Ct)).Status);
        // The same token A registers once the peer's API answers.
        await s.RegisterAsync();
        Assert.Equal("registered", (string?)(await s.ConnectionAsync())["state"]);
    }

    [Fact]
    public async Task R3_version_details_refused_to_token_B_answers_3001_and_stores_nothing()
    {
        await using var s = await Setup.StartAsync();
        s.Peer.RefusedPaths.Add("/ocpi/2.2.1");
        using var peer = new OcpiClient(s.TokenA);

        var answer = await peer.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct);

        Assert.True(answer.StatusCode == 3001, answer.ToString());
        AssertNothingStored(await s.ConnectionAsync());
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(s.CredentialsUrl, Ct)).Status);
    }

    // R4 as far as it can be checked today: the platform implements only the credentials module, so PeerDiscovery
    // skips the mutual functional-module check; the expected endpoint it does require is the peer's credentials.
    [Fact]
    public async Task R4_a_peer_listing_no_credentials_endpoint_gets_3003_and_nothing_is_stored()
    {
        await using var s = await Setup.StartAsync();
        s.Peer.Modules.RemoveAll(m => m.Module == "credentials");
        using var peer = new OcpiClient(s.TokenA);

        var answer = await peer.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.StatusCode == 3003, answer.ToString());
        AssertNothingStored(await s.ConnectionAsync());
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(s.CredentialsUrl, Ct)).Status);
    }

    [Fact]
    public async Task R1_credentials_POST_while_registered_is_HTTP_405_and_changes_nothing()
    {
        await using var s = await Setup.StartAsync();
        var (_, c) = await s.RegisterAsync();
        var before = s.Peer.Requests.Count;
        using var peer = new OcpiClient(c);

        var answer = await peer.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.NotNull(answer.StatusCode);
        Assert.Equal(before, s.Peer.Requests.Count);
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(s.CredentialsUrl, Ct)).Status);
        Assert.Equal("registered", (string?)(await s.ConnectionAsync())["state"]);
    }

    [Fact]
    public async Task R2_credentials_PUT_and_DELETE_before_registration_are_HTTP_405()
    {
        await using var s = await Setup.StartAsync();
        using var peer = new OcpiClient(s.TokenA);

        var put = await peer.PutAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct);
        var delete = await peer.DeleteAsync(s.CredentialsUrl, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.Status);
        Assert.Empty(s.Peer.Requests);
        AssertNothingStored(await s.ConnectionAsync());
        await s.RegisterAsync();
    }

    [Fact]
    public async Task R6_PUT_rotates_both_tokens_and_refetches_the_peers_endpoints()
    {
        await using var s = await Setup.StartAsync();
        var (b, c) = await s.RegisterAsync();
        s.Peer.Modules.Add(("tokens", "SENDER"));
        var before = s.Peer.Requests.Count;
        var b2 = FakePeer.NewToken();
        using var peer = new OcpiClient(c);

        var answer = await peer.PutAsync(s.CredentialsUrl, s.Peer.Credentials(b2), Ct);

        Assert.True(answer.StatusCode == 1000, answer.ToString());
        var c2 = (string)answer.Data!["token"]!;
        Assert.NotEqual(c, c2);
        // Re-fetched the versions and details with the new token B before answering.
        var refetch = s.Peer.Requests.Skip(before).ToList();
        Assert.Contains(refetch, r => r is { Method: "GET", Path: "/ocpi/versions" });
        Assert.Contains(refetch, r => r is { Method: "GET", Path: "/ocpi/2.2.1" });
        Assert.All(refetch, r => Assert.Equal(b2, r.Token));
        Assert.Contains((await s.ConnectionAsync())["endpoints"]!.AsArray(), e => (string?)e!["identifier"] == "tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(c, HttpMethod.Get, s.CredentialsUrl));
        Assert.Equal(HttpStatusCode.OK, await StatusWith(c2, HttpMethod.Get, s.CredentialsUrl));

        // The platform now calls the peer with B2, never B.
        var rotated = await s.Platform.Admin.PostAsync($"/admin/connections/{s.ConnectionId}/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var put = Assert.Single(s.Peer.Requests, r => r.Method == "PUT");
        Assert.Equal(b2, put.Token);
        Assert.DoesNotContain(s.Peer.Requests, r => r.Token == b && r.Method == "PUT");
        // ...and the token it sent in that PUT is the one that now opens the platform; C2 is void.
        var c3 = (string)put.Body!["token"]!;
        Assert.Equal(HttpStatusCode.OK, await StatusWith(c3, HttpMethod.Get, s.CredentialsUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(c2, HttpMethod.Get, s.CredentialsUrl));
    }

    [Fact]
    public async Task A_PUT_whose_callback_fails_answers_3001_and_the_old_tokens_keep_working()
    {
        await using var s = await Setup.StartAsync();
        var (b, c) = await s.RegisterAsync();
        using var peer = new OcpiClient(c);
        var credentials = s.Peer.Credentials(FakePeer.NewToken());
        credentials["url"] = UnreachableVersionsUrl();

        var answer = await peer.PutAsync(s.CredentialsUrl, credentials, Ct);

        Assert.True(answer.StatusCode == 3001, answer.ToString());
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(s.CredentialsUrl, Ct)).Status);
        var connection = await s.ConnectionAsync();
        Assert.Equal("registered", (string?)connection["state"]);
        Assert.Equal(s.Peer.VersionsUrl, (string?)connection["versions_url"]);
        Assert.Equal(b, await s.Platform.HeldTokenAsync(s.ConnectionId));
    }

    [Fact]
    public async Task A_rotation_the_peer_refuses_leaves_the_connection_working_on_the_old_tokens()
    {
        await using var s = await Setup.StartAsync();
        var (b, c) = await s.RegisterAsync();
        s.Peer.RefusedPaths.Add("/ocpi/2.2.1/credentials");

        var rotate = await s.Platform.Admin.PostAsync($"/admin/connections/{s.ConnectionId}/rotate", null, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, rotate.StatusCode);
        var put = Assert.Single(s.Peer.Requests, r => r.Method == "PUT");
        Assert.Equal(b, put.Token);
        Assert.Equal(HttpStatusCode.OK, await StatusWith(c, HttpMethod.Get, s.CredentialsUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith((string)put.Body!["token"]!, HttpMethod.Get, s.CredentialsUrl));
        Assert.Equal(b, await s.Platform.HeldTokenAsync(s.ConnectionId));
        var connection = await s.ConnectionAsync();
        Assert.Equal("registered", (string?)connection["state"]);
        Assert.Contains(connection["audit"]!.AsArray(), e => (string?)e!["action"] == "rotation failed");
    }

    [Fact]
    public async Task R7_DELETE_unregisters_kills_the_peers_token_and_the_platform_stops_calling_it()
    {
        await using var s = await Setup.StartAsync();
        var (_, c) = await s.RegisterAsync();
        using var peer = new OcpiClient(c);

        var answer = await peer.DeleteAsync(s.CredentialsUrl, Ct);

        Assert.True(answer.StatusCode == 1000, answer.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await peer.GetAsync(s.CredentialsUrl, Ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await peer.GetAsync(s.VersionsUrl, Ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await peer.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct)).Status);
        Assert.Equal("unregistered", (string?)(await s.ConnectionAsync())["state"]);

        var before = s.Peer.Requests.Count;
        var rotate = await s.Platform.Admin.PostAsync($"/admin/connections/{s.ConnectionId}/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, rotate.StatusCode);
        var delete = await s.Platform.Admin.DeleteAsync($"/admin/connections/{s.ConnectionId}", Ct);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(before, s.Peer.Requests.Count);
    }

    [Theory]
    [InlineData(null, "2.3.0")]
    [InlineData("2.2.1", "2.2.1")]
    public async Task R8_the_initiator_picks_the_highest_mutual_version_or_the_pinned_one(string? pinned, string expected)
    {
        await using var s = await Setup.StartAsync("2.1.1,2.2.1,2.3.0");
        s.Peer.Versions.Clear();
        s.Peer.Versions.AddRange(["2.1.1", "2.2.1", "2.3.0"]);
        var tokenA = FakePeer.NewToken();

        var response = await s.Platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "peer", versions_url = s.Peer.VersionsUrl, token = tokenA, parties = new[] { "NL*CPO" }, version = pinned }, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var connection = JsonNode.Parse(text)!;
        Assert.Equal(expected, (string?)connection["version"]);
        Assert.Equal(pinned, (string?)connection["pinned_version"]);
        Assert.Equal("registered", (string?)connection["state"]);
        var calls = s.Peer.Requests;
        Assert.DoesNotContain(calls, r => r.Path.StartsWith("/ocpi/2.", StringComparison.Ordinal) && !r.Path.StartsWith($"/ocpi/{expected}", StringComparison.Ordinal));
        var post = Assert.Single(calls, r => r.Method == "POST");
        Assert.Equal($"/ocpi/{expected}/credentials", post.Path);
        Assert.All(calls, r => Assert.Equal(tokenA, r.Token));

        // The token B it sent opens the platform; it calls the peer with the token C the peer answered.
        var b = (string)post.Body!["token"]!;
        Assert.Equal(HttpStatusCode.OK, await StatusWith(b, HttpMethod.Get, s.CredentialsUrl));
        var rotated = await s.Platform.Admin.PostAsync($"/admin/connections/{connection["id"]}/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(s.Peer.IssuedTokens[0], Assert.Single(s.Peer.Requests, r => r.Method == "PUT").Token);
    }

    public static TheoryData<string> PeersTheInitiatorMustNotPostTo => ["no credentials endpoint", "no mutual version"];

    [Theory]
    [MemberData(nameof(PeersTheInitiatorMustNotPostTo))]
    public async Task R8_the_initiator_does_not_POST_when_required_endpoints_or_a_mutual_version_are_missing(string peerDefect)
    {
        await using var s = await Setup.StartAsync();
        if (peerDefect == "no credentials endpoint") s.Peer.Modules.RemoveAll(m => m.Module == "credentials");
        else
        {
            s.Peer.Versions.Clear();
            s.Peer.Versions.AddRange(["2.0", "2.1"]);
        }

        var response = await s.Platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "peer", versions_url = s.Peer.VersionsUrl, token = FakePeer.NewToken(), parties = new[] { "NL*CPO" } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]));
        Assert.DoesNotContain(s.Peer.Requests, r => r.Method != "GET");
        var connections = JsonNode.Parse(await s.Platform.Admin.GetStringAsync("/admin/connections", Ct))!.AsArray();
        Assert.DoesNotContain(connections, c => (string?)c!["state"] == "registered");
    }

    [Fact]
    public async Task R9_versions_list_2_2_1_and_its_details_list_each_module_and_role_once_credentials_once()
    {
        await using var s = await Setup.StartAsync();
        using var peer = new OcpiClient(s.TokenA);

        var versions = await peer.GetAsync(s.VersionsUrl, Ct);
        var v221 = Assert.Single(versions.Data!.AsArray(), v => (string?)v!["version"] == "2.2.1")!;
        Assert.Equal(s.Platform.Url + "/ocpi/2.2.1", (string?)v221["url"]);

        var details = await peer.GetAsync((string)v221["url"]!, Ct);
        Assert.True(details.StatusCode == 1000, details.ToString());
        Assert.Equal("2.2.1", (string?)details.Data!["version"]);
        var endpoints = details.Data["endpoints"]!.AsArray().Select(e => ((string?)e!["identifier"], (string?)e["role"], (string?)e["url"])).ToList();
        var credentials = Assert.Single(endpoints, e => e.Item1 == "credentials");
        Assert.Equal("SENDER", credentials.Item2);
        Assert.Equal(s.CredentialsUrl, credentials.Item3);
        Assert.Equal(endpoints.Count, endpoints.Select(e => (e.Item1, e.Item2)).Distinct().Count());
    }

    [Fact]
    public async Task Two_registrations_racing_with_one_token_A_register_only_once()
    {
        await using var s = await Setup.StartAsync();
        // Hold each versions GET until both registrations are in their callback: both passed the state check.
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrivals = 0;
        s.Peer.BeforeAnswer = async r =>
        {
            if (r.Path != "/ocpi/versions") return;
            if (Interlocked.Increment(ref arrivals) == 2) bothArrived.TrySetResult();
            await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        };
        using var first = new OcpiClient(s.TokenA);
        using var second = new OcpiClient(s.TokenA);

        var answers = await Task.WhenAll(
            first.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct),
            second.PostAsync(s.CredentialsUrl, s.Peer.Credentials(FakePeer.NewToken()), Ct));

        Assert.True(bothArrived.Task.IsCompletedSuccessfully, "both registrations should have reached the callback");
        var won = Assert.Single(answers, a => a.StatusCode == 1000);
        var lost = Assert.Single(answers, a => a != won);
        Assert.True(lost.Status is HttpStatusCode.Unauthorized or HttpStatusCode.MethodNotAllowed, lost.ToString());
        Assert.Equal(HttpStatusCode.OK, await StatusWith((string)won.Data!["token"]!, HttpMethod.Get, s.CredentialsUrl));
    }
}

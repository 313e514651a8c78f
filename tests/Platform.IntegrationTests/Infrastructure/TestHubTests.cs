using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The test hub itself: registration (H1), version details, ClientInfo, and each kind of routing (digest §2) with
/// scripted members; plus registration and relaying with real platform instances, which must not depend on the
/// platform's own hub support.
/// </summary>
public sealed class TestHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Only(OcpiAnswer answer, string header) =>
        answer.Headers.TryGetValues(header, out var values) ? string.Join(", ", values) : "";

    private static async Task<TestHubMember> MemberAsync(TestHub hub, string role, string party)
    {
        var member = await TestHubMember.StartAsync(role, party);
        var registered = await member.RegisterAsync(hub, Ct);
        Assert.True(registered.StatusCode == 1000, registered.ToString());
        return member;
    }

    [Fact]
    public async Task Platforms_register_with_the_hub_and_know_it_only_as_HUB()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await using var msp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await msp.CreatePartyAsync("DE", "MSP", "EMSP");

        foreach (var (platform, party) in new[] { (cpo, "NL*CPO"), (msp, "DE*MSP") })
        {
            var tokenA = hub.Invite();
            var response = await platform.Admin.PostAsJsonAsync("/admin/connections",
                new { name = "hub", versions_url = hub.VersionsUrl, token = tokenA, parties = new[] { party } }, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            var connection = await platform.ConnectionAsync((string)JsonNode.Parse(text)!["id"]!);
            Assert.Equal("registered", (string?)connection["state"]);
            var remote = Assert.Single(connection["remote_parties"]!.AsArray());
            Assert.Equal(("HUB", "NL", "HUB"), ((string?)remote!["role"], (string?)remote["country_code"], (string?)remote["party_id"]));

            using var withA = new OcpiClient(tokenA);
            Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(hub.VersionsUrl, Ct)).Status);
        }

        // Whether the platform takes them is its own business; the hub must have tried each, once per other party.
        await Scenario.Eventually(() => Task.FromResult(hub.ClientInfoPushes.Count >= 2), "ClientInfo pushed both ways", 10);
        Assert.Contains(hub.ClientInfoPushes, p => p is { Party: "NL*CPO", Role: "CPO", Status: "CONNECTED" } && p.Target == msp.VersionsUrl);
        Assert.Contains(hub.ClientInfoPushes, p => p is { Party: "DE*MSP", Role: "EMSP", Status: "CONNECTED" } && p.Target == cpo.VersionsUrl);
        Assert.DoesNotContain(hub.ClientInfoPushes, p => p.Party == "NL*CPO" && p.Target == cpo.VersionsUrl);
    }

    [Fact]
    public async Task Version_details_list_credentials_hubclientinfo_and_every_module_both_ways()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = new OcpiClient(hub.Invite());

        var versions = await client.GetAsync(hub.VersionsUrl, Ct);
        Assert.Equal(1000, versions.StatusCode);
        var details = await client.GetAsync((string)versions.Data![0]!["url"]!, Ct);

        var endpoints = details.Data!["endpoints"]!.AsArray().Select(e => ((string)e!["identifier"]!, (string)e["role"]!, (string)e["url"]!)).ToList();
        Assert.Contains(("credentials", "SENDER", hub.Url + "/ocpi/2.2.1/credentials"), endpoints);
        Assert.Contains(("hubclientinfo", "SENDER", hub.Url + "/ocpi/2.2.1/sender/hubclientinfo"), endpoints);
        foreach (var module in new[] { "locations", "sessions", "cdrs", "tariffs", "tokens", "commands", "chargingprofiles" })
        {
            Assert.Contains((module, "SENDER", $"{hub.Url}/ocpi/2.2.1/sender/{module}"), endpoints);
            Assert.Contains((module, "RECEIVER", $"{hub.Url}/ocpi/2.2.1/receiver/{module}"), endpoints);
        }
        Assert.Equal(16, endpoints.Count);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(hub.Url + "/ocpi/2.2.1/sender/locations", Ct)).Status);
        using var stranger = new OcpiClient("not-a-hub-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(hub.VersionsUrl, Ct)).Status);
    }

    [Fact]
    public async Task Registration_reads_the_platform_with_token_B_answers_only_HUB_and_ends_token_A()
    {
        await using var hub = await TestHub.StartAsync("DE", "HBX");
        await using var member = await TestHubMember.StartAsync("CPO", "NL*CPO");
        var tokenA = hub.Invite();
        using var withA = new OcpiClient(tokenA);

        var answer = await withA.PostAsync(hub.Url + "/ocpi/2.2.1/credentials", member.Credentials(member.TokenB), Ct);

        Assert.Equal(1000, answer.StatusCode);
        var role = Assert.Single(answer.Data!["roles"]!.AsArray());
        Assert.Equal(("HUB", "DE", "HBX", "Test Hub"),
            ((string?)role!["role"], (string?)role["country_code"], (string?)role["party_id"], (string?)role["business_details"]!["name"]));
        Assert.Equal(hub.VersionsUrl, (string?)answer.Data["url"]);
        var tokenC = (string)answer.Data["token"]!;
        Assert.NotEqual(tokenA, tokenC);
        Assert.Equal(new[] { "/ocpi/versions", "/ocpi/2.2.1" }, member.Requests.Select(r => r.PathAndQuery).Take(2));
        Assert.All(member.Requests.Take(2), r => Assert.Equal(member.TokenB, r.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.PostAsync(hub.Url + "/ocpi/2.2.1/credentials", member.Credentials(member.TokenB), Ct)).Status);
        using var withC = new OcpiClient(tokenC);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await withC.PostAsync(hub.Url + "/ocpi/2.2.1/credentials", member.Credentials(member.TokenB), Ct)).Status);
        Assert.Equal(tokenC, (string?)(await withC.GetAsync(hub.Url + "/ocpi/2.2.1/credentials", Ct)).Data!["token"]);
    }

    [Fact]
    public async Task Registration_of_a_platform_whose_versions_cannot_be_read_is_3001_and_keeps_token_A()
    {
        await using var hub = await TestHub.StartAsync();
        await using var member = await TestHubMember.StartAsync("CPO", "NL*CPO");
        using var withA = new OcpiClient(hub.Invite());

        var refused = await withA.PostAsync(hub.Url + "/ocpi/2.2.1/credentials", member.Credentials("not-the-token-it-accepts"), Ct);
        Assert.Equal(3001, refused.StatusCode);

        Assert.Equal(1000, (await withA.PostAsync(hub.Url + "/ocpi/2.2.1/credentials", member.Credentials(member.TokenB), Ct)).StatusCode);
    }

    [Fact]
    public async Task Credentials_PUT_rotates_both_tokens_and_DELETE_forgets_the_platform()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        var oldC = cpo.TokenC!;
        using var withOldC = new OcpiClient(oldC);

        // The member still answers only its first token B, so the hub must not need a new one to rotate.
        var rotated = await withOldC.PutAsync(hub.Url + "/ocpi/2.2.1/credentials", cpo.Credentials(cpo.TokenB), Ct);
        Assert.Equal(1000, rotated.StatusCode);
        var newC = (string)rotated.Data!["token"]!;
        Assert.NotEqual(oldC, newC);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withOldC.GetAsync(hub.Url + "/ocpi/2.2.1/credentials", Ct)).Status);

        using var withNewC = new OcpiClient(newC);
        Assert.Equal(1000, (await withNewC.DeleteAsync(hub.Url + "/ocpi/2.2.1/credentials", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withNewC.GetAsync(hub.Url + "/ocpi/2.2.1/credentials", Ct)).Status);
        var unknown = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "NL*CPO", ct: Ct);
        Assert.Equal(4001, unknown.StatusCode);
    }

    [Fact]
    public async Task ClientInfo_reaches_each_platform_about_the_others_and_the_Sender_list_leaves_out_the_callers_own()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");

        await Scenario.Eventually(() => Task.FromResult(hub.ClientInfoPushes.Count == 2), "two ClientInfo PUTs", 10);
        Assert.All(hub.ClientInfoPushes, p => Assert.Equal((200, 1000), (p.HttpStatus, p.OcpiStatus)));
        var atMsp = Assert.Single(msp.Requests, r => r.PathAndQuery.Contains("hubclientinfo", StringComparison.Ordinal));
        Assert.Equal(("PUT", "/ocpi/2.2.1/receiver/hubclientinfo/NL/CPO", msp.TokenB), (atMsp.Method, atMsp.PathAndQuery, atMsp.Token));
        Assert.Equal(("NL", "CPO", "CPO", "CONNECTED"), ((string?)atMsp.Json!["country_code"], (string?)atMsp.Json["party_id"],
            (string?)atMsp.Json["role"], (string?)atMsp.Json["status"]));
        Assert.NotNull((string?)atMsp.Json["last_updated"]);
        Assert.Null(atMsp.Header(OcpiHeaders.ToPartyId));
        Assert.Contains(cpo.Requests, r => r is { Method: "PUT", PathAndQuery: "/ocpi/2.2.1/receiver/hubclientinfo/DE/MSP" });

        var list = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/hubclientinfo", ct: Ct);
        var info = Assert.Single(list.Data!.AsArray());
        Assert.Equal(("NL", "CPO", "CPO", "CONNECTED"), ((string?)info!["country_code"], (string?)info["party_id"], (string?)info["role"], (string?)info["status"]));
        Assert.Equal("1", Only(list, OcpiHeaders.TotalCount));
        Assert.NotEqual("", Only(list, OcpiHeaders.Limit));
    }

    [Fact]
    public async Task Unknown_receiver_is_4001_and_a_receiver_not_CONNECTED_is_4003_after_ClientInfo_says_so()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        var url = hub.Url + "/ocpi/2.2.1/sender/locations";

        var unknown = await msp.CallAsync(HttpMethod.Get, url, from: "DE*MSP", to: "XX*UNK", requestId: "req-unknown", ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 4001), (unknown.Status, unknown.StatusCode));
        Assert.Equal("req-unknown", Only(unknown, OcpiHeaders.RequestId));
        Assert.Equal(("NL", "HUB", "DE", "MSP"), (Only(unknown, OcpiHeaders.FromCountryCode), Only(unknown, OcpiHeaders.FromPartyId),
            Only(unknown, OcpiHeaders.ToCountryCode), Only(unknown, OcpiHeaders.ToPartyId)));
        Assert.Equal(4001, (await msp.CallAsync(HttpMethod.Get, url, from: "DE*MSP", ct: Ct)).StatusCode);

        await hub.SetStatusAsync("NL*CPO", "OFFLINE");
        Assert.Contains(hub.ClientInfoPushes, p => p is { Party: "NL*CPO", Status: "OFFLINE", HttpStatus: 200 } && p.Target == msp.VersionsUrl);
        Assert.DoesNotContain(hub.ClientInfoPushes, p => p.Status == "OFFLINE" && p.Target == cpo.VersionsUrl);
        Assert.Equal(4003, (await msp.CallAsync(HttpMethod.Get, url, from: "DE*MSP", to: "NL*CPO", ct: Ct)).StatusCode);

        await hub.SetStatusAsync("NL*CPO", "CONNECTED");
        Assert.Equal(1000, (await msp.CallAsync(HttpMethod.Get, url, from: "DE*MSP", to: "NL*CPO", ct: Ct)).StatusCode);
        Assert.Equal(2001, (await msp.CallAsync(HttpMethod.Get, url, from: "NL*CPO", to: "NL*CPO", ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task A_directed_GET_goes_out_with_a_new_request_id_and_the_same_correlation_id_and_its_answer_comes_back_as_is()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        cpo.Answer = (request, http) =>
        {
            var offset = request.PathAndQuery.Contains("offset=1", StringComparison.Ordinal) ? 1 : 0;
            http.Response.Headers[OcpiHeaders.FromCountryCode] = "NL";
            http.Response.Headers[OcpiHeaders.FromPartyId] = "CPO";
            http.Response.Headers[OcpiHeaders.ToCountryCode] = "DE";
            http.Response.Headers[OcpiHeaders.ToPartyId] = "MSP";
            http.Response.Headers[OcpiHeaders.TotalCount] = "2";
            http.Response.Headers[OcpiHeaders.Limit] = "1";
            if (offset == 0)
                http.Response.Headers[OcpiHeaders.Link] = $"<{cpo.EndpointUrl("locations", "sender")}?offset=1&limit=1>; rel=\"next\"";
            http.Response.StatusCode = 200;
            return TestHubMember.WriteEnvelopeAsync(http, new JsonArray(new JsonObject { ["id"] = $"LOC{offset + 1}" }));
        };

        var first = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations?limit=1", from: "DE*MSP", to: "NL*CPO",
            requestId: "req-1", correlationId: "corr-1", ct: Ct);

        Assert.Equal((HttpStatusCode.OK, 1000, "LOC1"), (first.Status, first.StatusCode, (string?)first.Data![0]!["id"]));
        Assert.Equal(("req-1", "corr-1"), (Only(first, OcpiHeaders.RequestId), Only(first, OcpiHeaders.CorrelationId)));
        Assert.Equal(("NL", "CPO", "DE", "MSP"), (Only(first, OcpiHeaders.FromCountryCode), Only(first, OcpiHeaders.FromPartyId),
            Only(first, OcpiHeaders.ToCountryCode), Only(first, OcpiHeaders.ToPartyId)));
        Assert.Equal(("2", "1"), (Only(first, OcpiHeaders.TotalCount), Only(first, OcpiHeaders.Limit)));
        Assert.Equal($"<{hub.Url}/ocpi/2.2.1/sender/locations?offset=1&limit=1>; rel=\"next\"", Only(first, OcpiHeaders.Link));

        var received = cpo.Routed.Last();
        Assert.Equal(("GET", "/ocpi/2.2.1/sender/locations?limit=1", cpo.TokenB), (received.Method, received.PathAndQuery, received.Token));
        Assert.Equal(("DE*MSP", "NL*CPO"), (received.From, received.To));
        Assert.Equal("corr-1", received.Header(OcpiHeaders.CorrelationId));
        var requestIdOut = received.Header(OcpiHeaders.RequestId);
        Assert.False(string.IsNullOrEmpty(requestIdOut));
        Assert.NotEqual("req-1", requestIdOut);

        var forward = Assert.Single(hub.Forwards);
        Assert.Equal(new HubForward(HubForwardKind.Directed, "GET", "/ocpi/2.2.1/sender/locations", cpo.EndpointUrl("locations", "sender") + "?limit=1",
            "DE*MSP", "NL*CPO", "req-1", requestIdOut, "corr-1", "corr-1", 200, 1000, forward.AnswerHeaders), forward);
        Assert.False(forward.Broadcast);

        // The rewritten Link leads through the hub to the same page of the same party.
        var nextUrl = Only(first, OcpiHeaders.Link)[1..Only(first, OcpiHeaders.Link).IndexOf('>', StringComparison.Ordinal)];
        var second = await msp.CallAsync(HttpMethod.Get, nextUrl, from: "DE*MSP", to: "NL*CPO", ct: Ct);
        Assert.Equal("LOC2", (string?)second.Data![0]!["id"]);
        Assert.Equal("", Only(second, OcpiHeaders.Link));
        Assert.Equal("/ocpi/2.2.1/sender/locations?offset=1&limit=1", cpo.Routed.Last().PathAndQuery);
    }

    [Fact]
    public async Task A_push_to_a_receiver_keeps_method_body_and_owner_segments_and_relays_the_Location_of_a_CDR()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        msp.Answer = (request, http) =>
        {
            if (request.Method == "POST") http.Response.Headers[OcpiHeaders.Location] = msp.EndpointUrl("cdrs", "receiver") + "/NL/CPO/CDR1";
            http.Response.StatusCode = request.Method == "POST" ? 201 : 200;
            return TestHubMember.WriteEnvelopeAsync(http, null);
        };

        var put = await cpo.CallAsync(HttpMethod.Put, hub.Url + "/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1?x=%2F", new { id = "LOC1" },
            from: "NL*CPO", to: "DE*MSP", ct: Ct);
        Assert.Equal(1000, put.StatusCode);
        var received = msp.Routed.Last();
        Assert.Equal(("PUT", "/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1?x=%2F", "LOC1"), (received.Method, received.PathAndQuery, (string?)received.Json!["id"]));
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);

        var post = await cpo.CallAsync(HttpMethod.Post, hub.Url + "/ocpi/2.2.1/receiver/cdrs", new { id = "CDR1" }, from: "NL*CPO", to: "DE*MSP", ct: Ct);
        Assert.Equal(HttpStatusCode.Created, post.Status);
        Assert.Equal(hub.Url + "/ocpi/2.2.1/receiver/cdrs/NL/CPO/CDR1", post.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_directed_request_to_a_real_platform_is_relayed_as_the_platform_answered()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        var registered = await cpo.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "hub", versions_url = hub.VersionsUrl, token = hub.Invite(), parties = new[] { "NL*CPO" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");

        var answer = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "NL*CPO",
            requestId: "req-p", correlationId: "corr-p", ct: Ct);

        // Whatever the platform makes of a party it learnt only through ClientInfo (if at all), it is passed back unchanged.
        var forward = Assert.Single(hub.Forwards);
        Assert.Equal(cpo.Url + "/ocpi/2.2.1/sender/locations", forward.TargetUrl);
        Assert.Equal((int)answer.Status, forward.HttpStatus);
        Assert.Equal(answer.StatusCode, forward.OcpiStatus);
        Assert.NotNull(answer.StatusCode);
        Assert.Equal(("req-p", "corr-p"), (Only(answer, OcpiHeaders.RequestId), Only(answer, OcpiHeaders.CorrelationId)));
        Assert.NotEqual("req-p", forward.RequestIdOut);
        // The platform echoes the ids it received: the hub's new request id, the caller's correlation id.
        Assert.Equal(forward.RequestIdOut, forward.AnswerHeaders[OcpiHeaders.RequestId]);
        Assert.Equal("corr-p", forward.AnswerHeaders[OcpiHeaders.CorrelationId]);
        foreach (var header in new[] { OcpiHeaders.FromCountryCode, OcpiHeaders.FromPartyId, OcpiHeaders.ToCountryCode, OcpiHeaders.ToPartyId })
            Assert.Equal(forward.AnswerHeaders.GetValueOrDefault(header, ""), Only(answer, header));
    }

    [Fact]
    public async Task A_broadcast_is_answered_by_the_hub_and_sent_from_the_hub_to_each_connected_party_of_the_opposite_role()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var otherCpo = await MemberAsync(hub, "CPO", "FR*CPX");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        await using var nsp = await MemberAsync(hub, "NSP", "BE*NSP");
        await using var offline = await MemberAsync(hub, "EMSP", "AT*OFF");
        await hub.SetStatusAsync("AT*OFF", "OFFLINE");

        var answer = await cpo.CallAsync(HttpMethod.Put, hub.Url + "/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1", new { id = "LOC1" },
            from: "NL*CPO", to: "NL*HUB", requestId: "req-b", correlationId: "corr-b", ct: Ct);

        Assert.Equal(1000, answer.StatusCode);
        Assert.Equal(("NL", "HUB", "NL", "CPO", "req-b"), (Only(answer, OcpiHeaders.FromCountryCode), Only(answer, OcpiHeaders.FromPartyId),
            Only(answer, OcpiHeaders.ToCountryCode), Only(answer, OcpiHeaders.ToPartyId), Only(answer, OcpiHeaders.RequestId)));
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Count == 2), "two fan-out requests", 10);
        foreach (var receiver in new[] { msp, nsp })
        {
            var received = Assert.Single(receiver.Routed);
            Assert.Equal(("PUT", "/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1", "NL*HUB", receiver.Party, "corr-b", "LOC1"),
                (received.Method, received.PathAndQuery, received.From, received.To, received.Header(OcpiHeaders.CorrelationId), (string?)received.Json!["id"]));
            Assert.NotEqual("req-b", received.Header(OcpiHeaders.RequestId));
        }
        Assert.All(hub.Forwards, f => Assert.True(f.Broadcast && f.From == "NL*HUB" && f.HttpStatus == 200));
        Assert.Equal(new[] { "BE*NSP", "DE*MSP" }, hub.Forwards.Select(f => f.To).Order());
        Assert.Empty(otherCpo.Routed);
        Assert.Empty(offline.Routed);

        var fromMsp = await msp.CallAsync(HttpMethod.Put, hub.Url + "/ocpi/2.2.1/receiver/tokens/DE/MSP/TOK1", new { uid = "TOK1" },
            from: "DE*MSP", to: "NL*HUB", ct: Ct);
        Assert.Equal(1000, fromMsp.StatusCode);
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Count == 4), "a token to each CPO", 10);
        Assert.Equal(new[] { "FR*CPX", "NL*CPO" }, hub.Forwards.Skip(2).Select(f => f.To).Order());
    }

    [Fact]
    public async Task A_GET_addressed_to_the_hub_merges_every_page_of_every_connected_owner()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var otherCpo = await MemberAsync(hub, "CPO", "FR*CPX");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        cpo.Answer = (_, http) => TestHubMember.WriteEnvelopeAsync(http, new JsonArray(new JsonObject { ["id"] = "NL1" }));
        otherCpo.Answer = (request, http) =>
        {
            var second = request.PathAndQuery.Contains("offset=1", StringComparison.Ordinal);
            if (!second) http.Response.Headers[OcpiHeaders.Link] = $"<{otherCpo.EndpointUrl("locations", "sender")}?offset=1>; rel=\"next\"";
            return TestHubMember.WriteEnvelopeAsync(http, new JsonArray(new JsonObject { ["id"] = second ? "FR2" : "FR1" }));
        };

        var all = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations?offset=5&limit=10&date_from=2024-01-01T00:00:00Z",
            from: "DE*MSP", to: "NL*HUB", ct: Ct);

        Assert.Equal(1000, all.StatusCode);
        Assert.Equal(new[] { "FR1", "FR2", "NL1" }, all.Data!.AsArray().Select(l => (string)l!["id"]!).Order());
        Assert.Equal("3", Only(all, OcpiHeaders.TotalCount));
        Assert.Equal(("NL", "HUB"), (Only(all, OcpiHeaders.FromCountryCode), Only(all, OcpiHeaders.FromPartyId)));
        var toNl = Assert.Single(cpo.Routed);
        Assert.Equal(("/ocpi/2.2.1/sender/locations?date_from=2024-01-01T00:00:00Z", "DE*MSP", "NL*CPO"), (toNl.PathAndQuery, toNl.From, toNl.To));
        Assert.Equal(3, hub.Forwards.Count(f => f.Kind == HubForwardKind.GetAll));
        Assert.Equal(2001, (await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/commands", from: "DE*MSP", to: "NL*HUB", ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task A_command_result_comes_back_through_the_hub_callback_to_the_original_response_url()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        cpo.Answer = (_, http) => TestHubMember.WriteEnvelopeAsync(http, new JsonObject { ["result"] = "ACCEPTED", ["timeout"] = 30 });
        msp.Answer = (_, http) => TestHubMember.WriteEnvelopeAsync(http, null, 1000);
        var responseUrl = msp.EndpointUrl("commands", "sender") + "/START_SESSION/42";

        var answer = await msp.CallAsync(HttpMethod.Post, hub.Url + "/ocpi/2.2.1/receiver/commands/START_SESSION",
            new { response_url = responseUrl, location_id = "LOC1" }, from: "DE*MSP", to: "NL*CPO", ct: Ct);
        Assert.Equal("ACCEPTED", (string?)answer.Data!["result"]);
        var command = cpo.Routed.Last();
        Assert.Equal("/ocpi/2.2.1/receiver/commands/START_SESSION", command.PathAndQuery);
        var callback = (string)command.Json!["response_url"]!;
        Assert.StartsWith(hub.Url + "/hub/callback/", callback, StringComparison.Ordinal);
        Assert.Equal("LOC1", (string?)command.Json["location_id"]);

        var result = await cpo.CallAsync(HttpMethod.Post, callback, new { result = "ACCEPTED" }, from: "NL*CPO", to: "DE*MSP", correlationId: "corr-r", ct: Ct);

        Assert.Equal(1000, result.StatusCode);
        var delivered = msp.Routed.Last();
        Assert.Equal(("POST", "/ocpi/2.2.1/sender/commands/START_SESSION/42", msp.TokenB, "NL*CPO", "DE*MSP", "ACCEPTED"),
            (delivered.Method, delivered.PathAndQuery, delivered.Token, delivered.From, delivered.To, (string?)delivered.Json!["result"]));
        Assert.Equal("corr-r", delivered.Header(OcpiHeaders.CorrelationId));
        Assert.Equal(HubForwardKind.Callback, hub.Forwards.Last().Kind);

        // ChargingProfiles GET carries its response_url in the query.
        await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/receiver/chargingprofiles/S1?duration=60&response_url=" +
            Uri.EscapeDataString(msp.EndpointUrl("chargingprofiles", "sender") + "/r/1"), from: "DE*MSP", to: "NL*CPO", ct: Ct);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(cpo.Url + cpo.Routed.Last().PathAndQuery).Query);
        Assert.Equal("60", query["duration"].ToString());
        Assert.StartsWith(hub.Url + "/hub/callback/", query["response_url"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_is_4003_and_one_too_slow_is_4002()
    {
        await using var hub = await TestHub.StartAsync();
        var cpo = await MemberAsync(hub, "CPO", "NL*CPO");
        await using var slow = await MemberAsync(hub, "CPO", "FR*CPX");
        await using var msp = await MemberAsync(hub, "EMSP", "DE*MSP");
        await cpo.DisposeAsync();
        var release = new TaskCompletionSource();
        slow.Answer = async (_, http) =>
        {
            await release.Task.WaitAsync(http.RequestAborted);
            await TestHubMember.WriteEnvelopeAsync(http, null);
        };
        hub.ForwardTimeout = TimeSpan.FromMilliseconds(300);

        var gone = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "NL*CPO", requestId: "req-g", ct: Ct);
        var late = await msp.CallAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "FR*CPX", ct: Ct);
        release.SetResult();

        Assert.Equal((HttpStatusCode.OK, 4003, "req-g"), (gone.Status, gone.StatusCode, Only(gone, OcpiHeaders.RequestId)));
        Assert.Equal((HttpStatusCode.OK, 4002), (late.Status, late.StatusCode));
        Assert.All(hub.Forwards, f => Assert.Null(f.HttpStatus));
    }
}

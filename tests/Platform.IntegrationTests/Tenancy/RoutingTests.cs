using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// Instance A hosts two CPOs (CP1, CP2) and a dual-role party (DUA, CPO and eMSP). Peer B (an eMSP MSP and a CPO BCP)
/// is connected to CP1 and DUA; peer C (an eMSP MSC) to CP2 only. Every call must reach exactly the hosted party and
/// role its connection and routing headers name, and nothing else (issue: routing middleware).
/// </summary>
public sealed class RoutingTests(RoutingTests.Network net) : IClassFixture<RoutingTests.Network>
{
    public sealed class Network : IAsyncLifetime
    {
        public PlatformInstance A { get; private set; } = null!;
        public PlatformInstance B { get; private set; } = null!;
        public PlatformInstance C { get; private set; } = null!;
        public Link AB { get; private set; } = null!;
        public Link AC { get; private set; } = null!;
        public string TokenOfB { get; private set; } = "";
        public string TokenOfC { get; private set; } = "";

        public string Sender => A.Url + "/ocpi/2.2.1/sender/locations";
        public string Receiver => A.Url + "/ocpi/2.2.1/receiver/locations";

        public async ValueTask InitializeAsync()
        {
            (A, B, C) = (await PlatformInstance.StartAsync(), await PlatformInstance.StartAsync(), await PlatformInstance.StartAsync());
            await A.CreatePartyAsync("NL", "CP1", "CPO");
            await A.CreatePartyAsync("NL", "CP2", "CPO");
            await A.CreatePartyAsync("NL", "DUA", "CPO", "EMSP");
            await B.CreatePartyAsync("DE", "MSP", "EMSP");
            await B.CreatePartyAsync("DE", "BCP", "CPO");
            await C.CreatePartyAsync("FR", "MSC", "EMSP");
            AB = await PlatformInstance.ConnectAsync(A, ["NL*CP1", "NL*DUA"], B, ["DE*MSP", "DE*BCP"]);
            AC = await PlatformInstance.ConnectAsync(A, ["NL*CP2"], C, ["FR*MSC"]);
            TokenOfB = (await B.HeldTokenAsync(AB.ClientConnectionId))!;
            TokenOfC = (await C.HeldTokenAsync(AC.ClientConnectionId))!;
            foreach (var party in new[] { "NL*CP1", "NL*CP2", "NL*DUA" })
                await A.PublishLocationAsync(party, Builders.Location(party[..2], party[3..], $"LOC-{party[3..]}"));
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await C.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> Ids(OcpiAnswer answer) => answer.Data!.AsArray().Select(l => (string)l!["id"]!);

    [Fact]
    public async Task A_connection_reaches_the_hosted_cpo_it_names_and_answers_with_swapped_routing_headers()
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: "DE*MSP", to: "NL*CP1", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["LOC-CP1"], Ids(answer));
        Assert.Equal("DE", answer.Headers.GetValues("OCPI-to-country-code").Single());
        Assert.Equal("MSP", answer.Headers.GetValues("OCPI-to-party-id").Single());
        Assert.Equal("NL", answer.Headers.GetValues("OCPI-from-country-code").Single());
        Assert.Equal("CP1", answer.Headers.GetValues("OCPI-from-party-id").Single());
    }

    [Fact]
    public async Task Routing_headers_are_case_insensitive_CiStrings()
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: "de*msp", to: "nl*cp1", ct: Ct);
        Assert.Equal(["LOC-CP1"], Ids(answer));
    }

    [Fact]
    public async Task Naming_a_hosted_cpo_outside_the_connection_is_refused_with_404_and_nothing_leaks()
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: "DE*MSP", to: "NL*CP2", ct: Ct);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("not a party of this connection", answer.StatusMessage);
        Assert.DoesNotContain("LOC-CP2", answer.Body);
        Assert.Contains(net.A.Log.Lines, l => l.Contains("refused") && l.Contains(net.AB.ServerConnectionId));

        var single = await b.SendAsync(HttpMethod.Get, net.Sender + "/LOC-CP2", from: "DE*MSP", to: "NL*CP2", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, single.Status);
    }

    [Fact]
    public async Task The_other_connection_reaches_only_its_own_cpo()
    {
        using var c = new OcpiClient(net.TokenOfC);
        Assert.Equal(["LOC-CP2"], Ids(await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await c.SendAsync(HttpMethod.Get, net.Sender, from: "FR*MSC", to: "NL*CP1", ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await c.SendAsync(HttpMethod.Get, net.Sender + "/LOC-CP1", ct: Ct)).Status);
    }

    [Fact]
    public async Task Without_OCPI_to_a_connection_carrying_several_cpos_is_asked_to_name_one()
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: "DE*MSP", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(2001, answer.StatusCode);
        Assert.Contains("OCPI-to-country-code", answer.StatusMessage);
    }

    [Fact]
    public async Task Without_OCPI_from_a_connection_carrying_several_remote_parties_is_asked_to_name_one()
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, to: "NL*CP1", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("OCPI-from-country-code", answer.StatusMessage);
    }

    [Theory]
    [InlineData("DE*ZZZ")]
    [InlineData("FR*MSC")]
    public async Task An_OCPI_from_party_the_connection_does_not_carry_is_refused(string from)
    {
        using var b = new OcpiClient(net.TokenOfB);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: from, to: "NL*CP1", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("does not carry", answer.StatusMessage);
    }

    [Fact]
    public async Task Only_one_of_a_header_pair_is_refused()
    {
        using var b = new OcpiClient(net.TokenOfB);
        using var request = new HttpRequestMessage(HttpMethod.Get, net.Sender);
        var answer = await b.SendAsync(HttpMethod.Get, net.Sender, from: "DE*MSP", to: "NL*CP1", ct: Ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        using var http = new HttpClient();
        request.Headers.TryAddWithoutValidation("Authorization", Platform.Ocpi.Transport.CredentialsTokenHeader.Encode(net.TokenOfB, false));
        request.Headers.TryAddWithoutValidation("OCPI-to-party-id", "CP1");
        request.Headers.TryAddWithoutValidation("OCPI-from-country-code", "DE");
        request.Headers.TryAddWithoutValidation("OCPI-from-party-id", "MSP");
        var half = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, half.StatusCode);
        Assert.Contains("OCPI-to-country-code and OCPI-to-party-id", await half.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_dual_role_party_is_served_as_cpo_on_the_sender_route_and_as_emsp_on_the_receiver_route()
    {
        using var b = new OcpiClient(net.TokenOfB);
        Assert.Equal(["LOC-DUA"], Ids(await b.SendAsync(HttpMethod.Get, net.Sender, from: "DE*MSP", to: "NL*DUA", ct: Ct)));

        var location = Builders.Location("DE", "BCP", "FROM-BCP");
        var put = await b.SendAsync(HttpMethod.Put, $"{net.Receiver}/DE/BCP/FROM-BCP", location, from: "DE*BCP", to: "NL*DUA", ct: Ct);
        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal("FROM-BCP", (string?)(await net.A.ReceivedLocationAsync("NL*DUA", "FROM-BCP"))?["id"]);

        // CP1 takes part in the connection, but only as a CPO: it serves no Receiver interface.
        var asCpo = await b.SendAsync(HttpMethod.Put, $"{net.Receiver}/DE/BCP/FROM-BCP-2", Builders.Location("DE", "BCP", "FROM-BCP-2"),
            from: "DE*BCP", to: "NL*CP1", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, asCpo.Status);
        Assert.Contains("not as EMSP", asCpo.StatusMessage);
    }

    [Fact]
    public async Task A_receiver_refuses_objects_of_a_cpo_the_connection_does_not_carry()
    {
        using var b = new OcpiClient(net.TokenOfB);
        // DE*MSP is carried, but as an eMSP: it owns no locations.
        var answer = await b.SendAsync(HttpMethod.Put, $"{net.Receiver}/DE/MSP/X1", Builders.Location("DE", "MSP", "X1"), from: "DE*BCP", to: "NL*DUA", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("is not a CPO of your connection", answer.StatusMessage);

        var stranger = await b.SendAsync(HttpMethod.Put, $"{net.Receiver}/FR/XXX/X2", Builders.Location("FR", "XXX", "X2"), from: "DE*BCP", to: "NL*DUA", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
        Assert.DoesNotContain(await net.A.ReceivedLocationsAsync("NL*DUA"), l => (string?)l!["id"] is "X1" or "X2");
    }

    [Fact]
    public async Task Functional_modules_refuse_token_A_and_callers_without_a_token()
    {
        var invitation = await net.A.InviteAsync("not yet registered", "NL*CP1");
        using var tokenA = new OcpiClient((string)invitation["token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenA.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
        using var anonymous = new OcpiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
    }

    [Fact]
    public async Task A_suspended_connection_is_refused_until_it_is_resumed()
    {
        using var c = new OcpiClient(net.TokenOfC);
        // A call just before: the connection's routing view is cached, and the suspension must still apply at once.
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.OK, (await net.A.Admin.PostAsync($"/admin/connections/{net.AC.ServerConnectionId}/suspend", null, Ct)).StatusCode);
        try
        {
            var refused = await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Contains("suspended", refused.StatusMessage);
            Assert.Equal("suspended", (string?)(await net.A.ConnectionAsync(net.AC.ServerConnectionId))["state"]);
            Assert.Equal(HttpStatusCode.Conflict, (await net.A.Admin.PostAsync($"/admin/connections/{net.AC.ServerConnectionId}/suspend", null, Ct)).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await net.A.Admin.PostAsync($"/admin/connections/{net.AC.ServerConnectionId}/resume", null, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
    }

    [Fact]
    public async Task A_hosted_party_s_new_roles_route_the_very_next_call()
    {
        using var c = new OcpiClient(net.TokenOfC);
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.OK, (await net.A.Admin.PatchAsJsonAsync("/admin/parties/NL/CP2", new { roles = new[] { "EMSP" } }, Ct)).StatusCode);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await net.A.Admin.PatchAsJsonAsync("/admin/parties/NL/CP2", new { roles = new[] { "CPO" } }, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(HttpMethod.Get, net.Sender, ct: Ct)).Status);
    }

    [Fact]
    public async Task Version_details_list_per_module_the_roles_the_connections_parties_serve()
    {
        using var c = new OcpiClient(net.TokenOfC);
        var cpoOnly = (await c.GetAsync(net.A.Url + "/ocpi/2.2.1", Ct)).Data!["endpoints"]!.AsArray();
        Assert.Contains(cpoOnly, e => (string?)e!["identifier"] == "locations" && (string?)e["role"] == "SENDER");
        Assert.DoesNotContain(cpoOnly, e => (string?)e!["identifier"] == "locations" && (string?)e["role"] == "RECEIVER");

        using var b = new OcpiClient(net.TokenOfB);
        var dual = (await b.GetAsync(net.A.Url + "/ocpi/2.2.1", Ct)).Data!["endpoints"]!.AsArray();
        Assert.Contains(dual, e => (string?)e!["identifier"] == "locations" && (string?)e["role"] == "RECEIVER");
        Assert.Single(dual, e => (string?)e!["identifier"] == "credentials");
    }

    [Fact]
    public async Task Suspend_and_resume_are_admin_only()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(net.A.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/admin/connections/{net.AC.ServerConnectionId}/suspend", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/admin/connections/internal", new { parties = new[] { "NL*CP1", "NL*DUA" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/admin/connections/{net.AC.ServerConnectionId}/resync", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/deliveries", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/routes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/parties/NL/CP1/cpo/locations", Ct)).StatusCode);
    }
}

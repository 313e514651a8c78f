using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Two platforms over real HTTP. The CPO platform hosts NL*CPO and DE*ALL (the owner of the spec's examples), both
/// connected to the eMSP platform's DE*MSP; NL*OTH is a CPO outside that connection, linked only to NL*IMS, an
/// eMSP on the same platform (internal connection). The eMSP platform also hosts DE*XYZ, connected to no one.
/// </summary>
public sealed class TariffNetwork : IAsyncLifetime
{
    public PlatformInstance Cpo { get; private set; } = null!;
    public PlatformInstance Emsp { get; private set; } = null!;

    /// <summary>The token the CPO platform calls the eMSP platform with, and the other way round.</summary>
    public string CpoToken { get; private set; } = "";
    public string EmspToken { get; private set; } = "";
    public string EmspConnectionId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Cpo = await PlatformInstance.StartAsync();
        Emsp = await PlatformInstance.StartAsync();
        await Cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Cpo.CreatePartyAsync("DE", "ALL", "CPO");
        await Cpo.CreatePartyAsync("NL", "OTH", "CPO");
        await Cpo.CreatePartyAsync("NL", "IMS", "EMSP");
        await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await Emsp.CreatePartyAsync("DE", "XYZ", "EMSP");

        var invitation = await Json(await Cpo.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = "emsp", parties = new[] { "NL*CPO", "DE*ALL" }, expires_in_hours = 1 }));
        var connection = await Json(await Emsp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = (string)invitation["versions_url"]!, token = (string)invitation["token"]!, parties = new[] { "DE*MSP" } }));
        Assert.Equal("registered", (string)connection["state"]!);
        EmspConnectionId = (string)connection["id"]!;
        await Json(await Cpo.Admin.PostAsJsonAsync("/admin/connections/internal", new { name = "in-house", parties = new[] { "NL*OTH", "NL*IMS" } }));

        CpoToken = await OutboundTokenAsync(Cpo, (string)invitation["connection_id"]!);
        EmspToken = await OutboundTokenAsync(Emsp, EmspConnectionId);
    }

    public async ValueTask DisposeAsync()
    {
        await Cpo.DisposeAsync();
        await Emsp.DisposeAsync();
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    // The platforms never show a token once registered; a test acting as one peer reads it where that peer keeps it.
    private static async Task<string> OutboundTokenAsync(PlatformInstance instance, string connectionId)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var connection = await scope.ServiceProvider.GetRequiredService<ConnectionStore>().FindAsync(connectionId, default);
        return scope.ServiceProvider.GetRequiredService<OutboundTokens>().Unprotect(connection!.OutboundToken!);
    }
}

public sealed class TariffsTests(TariffNetwork net) : IClassFixture<TariffNetwork>
{
    private static readonly PartyRef NlCpo = new("NL", "CPO"), DeAll = new("DE", "ALL"), DeMsp = new("DE", "MSP"), DeXyz = new("DE", "XYZ");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Tariff(PartyRef owner, string id, decimal price = 0.25m, string lastUpdated = "2025-01-01T00:00:00Z") => new()
    {
        ["country_code"] = owner.CountryCode,
        ["party_id"] = owner.PartyId,
        ["id"] = id,
        ["currency"] = "EUR",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = price, ["vat"] = 21.0m, ["step_size"] = 1 }),
        }),
        ["last_updated"] = lastUpdated,
    };

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> Publish(PartyRef cpo, string id, JsonObject tariff) =>
        net.Cpo.Admin.PutAsync($"/admin/parties/{cpo.CountryCode}/{cpo.PartyId}/cpo/tariffs/{id}", Body(tariff.ToJsonString()), Ct);

    private Task<HttpResponseMessage> Withdraw(PartyRef cpo, string id) =>
        net.Cpo.Admin.DeleteAsync($"/admin/parties/{cpo.CountryCode}/{cpo.PartyId}/cpo/tariffs/{id}", Ct);

    private static Task<HttpResponseMessage> Received(PlatformInstance at, PartyRef emsp, string id, PartyRef owner) =>
        at.Admin.GetAsync($"/admin/parties/{emsp.CountryCode}/{emsp.PartyId}/emsp/tariffs/{id}?country_code={owner.CountryCode}&party_id={owner.PartyId}", Ct);

    /// <summary>An OCPI call from <paramref name="from"/> to <paramref name="to"/> on <paramref name="at"/>, with the routing headers.</summary>
    private static async Task<HttpResponseMessage> Ocpi(PlatformInstance at, HttpMethod method, string path, string? token, PartyRef from, PartyRef to,
        string? body = null)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("http", StringComparison.Ordinal) ? path : at.Url + path);
        if (token is not null) request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token));
        request.Headers.Add(OcpiHeaders.FromCountryCode, from.CountryCode);
        request.Headers.Add(OcpiHeaders.FromPartyId, from.PartyId);
        request.Headers.Add(OcpiHeaders.ToCountryCode, to.CountryCode);
        request.Headers.Add(OcpiHeaders.ToPartyId, to.PartyId);
        if (body is not null) request.Content = Body(body);
        using var http = new HttpClient();
        var response = await http.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    /// <summary>The CPO platform, as <paramref name="owner"/>, calls the eMSP platform's Receiver for DE*MSP.</summary>
    private Task<HttpResponseMessage> ToReceiver(HttpMethod method, PartyRef owner, string id, string? body = null, PartyRef? to = null) =>
        Ocpi(net.Emsp, method, $"/ocpi/2.2.1/receiver/tariffs/{owner.CountryCode}/{owner.PartyId}/{id}", net.CpoToken, owner, to ?? DeMsp, body);

    /// <summary>The eMSP platform, as DE*MSP, pulls from the CPO platform's Sender.</summary>
    private Task<HttpResponseMessage> FromSender(string pathAndQuery, PartyRef cpo) => Ocpi(net.Cpo, HttpMethod.Get, pathAndQuery, net.EmspToken, DeMsp, cpo);

    private static async Task<JsonObject> Envelope(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.NotNull(body["status_code"]);
        Assert.NotNull(body["timestamp"]);
        return body;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"Still not true after {Patience.TotalSeconds} s: {what}");
            await Task.Delay(100, Ct);
        }
    }

    private static void AssertSameJson(JsonNode expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual?.ToJsonString()}");

    [Fact]
    public async Task A_tariff_the_cpo_publishes_reaches_the_emsp_and_its_withdrawal_deletes_it_there()
    {
        var created = await Publish(NlCpo, "PUSH-1", Tariff(NlCpo, "PUSH-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("PUSH-1", (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["id"]!);
        var replaced = await Publish(NlCpo, "PUSH-1", Tariff(NlCpo, "PUSH-1", price: 0.30m, lastUpdated: "2025-01-02T00:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await net.Cpo.Admin.GetAsync("/admin/parties/NL/CPO/cpo/tariffs/push-1", Ct)).StatusCode);

        await Eventually(async () =>
        {
            var response = await Received(net.Emsp, DeMsp, "PUSH-1", NlCpo);
            return response.IsSuccessStatusCode
                && (decimal)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["elements"]![0]!["price_components"]![0]!["price"]! == 0.30m;
        }, "DE*MSP holds PUSH-1 at its new price");
        var list = JsonNode.Parse(await net.Emsp.Admin.GetStringAsync("/admin/parties/DE/MSP/emsp/tariffs", Ct))!.AsArray();
        Assert.Contains(list, t => (string)t!["id"]! == "PUSH-1" && (string)t["party_id"]! == "CPO");

        Assert.Equal(HttpStatusCode.NoContent, (await Withdraw(NlCpo, "PUSH-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await net.Cpo.Admin.GetAsync("/admin/parties/NL/CPO/cpo/tariffs/PUSH-1", Ct)).StatusCode);
        await Eventually(async () => (await Received(net.Emsp, DeMsp, "PUSH-1", NlCpo)).StatusCode == HttpStatusCode.NotFound,
            "the DELETE removed PUSH-1 at DE*MSP");
        Assert.Equal(HttpStatusCode.NotFound, (await Withdraw(NlCpo, "PUSH-1")).StatusCode);
    }

    [Fact]
    public async Task Sender_list_pages_with_total_count_limit_and_a_next_link_carrying_the_filters()
    {
        // A window of its own, so tariffs other tests publish do not count.
        foreach (var i in new[] { 1, 2, 3 })
            Assert.True((await Publish(NlCpo, $"PAGE-{i}", Tariff(NlCpo, $"PAGE-{i}", lastUpdated: $"2030-01-01T00:00:0{i}Z"))).IsSuccessStatusCode);
        const string window = "date_from=2030-01-01T00:00:00Z&date_to=2031-01-01T00:00:00Z";

        var first = await FromSender($"/ocpi/2.2.1/sender/tariffs?{window}&limit=2", NlCpo);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await Envelope(first);
        Assert.Equal(1000, (int)body["status_code"]!);
        Assert.Equal(["PAGE-1", "PAGE-2"], body["data"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal("3", first.Headers.GetValues(OcpiHeaders.TotalCount).Single());
        Assert.Equal("100", first.Headers.GetValues(OcpiHeaders.Limit).Single());
        Assert.Equal("NL", first.Headers.GetValues(OcpiHeaders.FromCountryCode).Single());
        var link = first.Headers.GetValues(OcpiHeaders.Link).Single();
        var next = Platform.Api.Infrastructure.Sync.ResyncJob.NextLink([link])!;
        Assert.Contains("offset=2", next);
        Assert.Contains("limit=2", next);
        Assert.Contains("date_from=2030-01-01T00%3A00%3A00Z", next);
        Assert.Contains("date_to=2031-01-01T00%3A00%3A00Z", next);

        var last = await FromSender(next, NlCpo);
        Assert.Equal(["PAGE-3"], (await Envelope(last))["data"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.False(last.Headers.Contains(OcpiHeaders.Link));

        var capped = await FromSender($"/ocpi/2.2.1/sender/tariffs?{window}&limit=1000", NlCpo);
        Assert.Equal("100", capped.Headers.GetValues(OcpiHeaders.Limit).Single());
        Assert.Equal(3, (await Envelope(capped))["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Receiver_puts_reads_and_deletes_a_tariff_with_201_then_200_and_404_when_unknown()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, NlCpo, "RCV-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Delete, NlCpo, "RCV-1")).StatusCode);

        var tariff = Tariff(NlCpo, "RCV-1");
        var created = await ToReceiver(HttpMethod.Put, NlCpo, "RCV-1", tariff.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1000, (int)(await Envelope(created))["status_code"]!);
        Assert.Equal(HttpStatusCode.OK, (await ToReceiver(HttpMethod.Put, NlCpo, "RCV-1", tariff.ToJsonString())).StatusCode);

        // CiString ids: the lower-case URL names the same tariff.
        var read = await ToReceiver(HttpMethod.Get, NlCpo, "rcv-1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        AssertSameJson(tariff, (await Envelope(read))["data"]);

        var deleted = await ToReceiver(HttpMethod.Delete, NlCpo, "RCV-1");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(1000, (int)(await Envelope(deleted))["status_code"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, NlCpo, "RCV-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Received(net.Emsp, DeMsp, "RCV-1", NlCpo)).StatusCode);
    }

    [Fact]
    public async Task Receiver_refuses_bad_input_and_stores_nothing()
    {
        var broken = await ToReceiver(HttpMethod.Put, NlCpo, "BAD-1", """{"country_code": "NL", """);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var noCurrency = Tariff(NlCpo, "BAD-2");
        noCurrency.Remove("currency");
        var missing = await ToReceiver(HttpMethod.Put, NlCpo, "BAD-2", noCurrency.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var missingBody = await Envelope(missing);
        Assert.Equal(2001, (int)missingBody["status_code"]!);
        Assert.Contains("currency", (string)missingBody["status_message"]!);

        var otherId = await ToReceiver(HttpMethod.Put, NlCpo, "BAD-3", Tariff(NlCpo, "SOMETHING-ELSE").ToJsonString());
        Assert.Equal(2001, (int)(await Envelope(otherId))["status_code"]!);

        var otherOwner = await ToReceiver(HttpMethod.Put, NlCpo, "BAD-4", Tariff(DeAll, "BAD-4").ToJsonString());
        Assert.Equal(2001, (int)(await Envelope(otherOwner))["status_code"]!);

        // 2.2.x has no tariff PATCH (F1).
        var patch = await ToReceiver(HttpMethod.Patch, NlCpo, "BAD-5", """{"currency": "USD", "last_updated": "2025-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);
        await Envelope(patch);

        foreach (var id in new[] { "BAD-1", "BAD-2", "BAD-3", "SOMETHING-ELSE", "BAD-4", "BAD-5" })
            Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, NlCpo, id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, DeAll, "BAD-4")).StatusCode);
    }

    [Fact]
    public async Task Tariffs_of_a_cpo_outside_the_connection_never_reach_the_peer_emsp()
    {
        // NL*OTH's tariff does travel (to NL*IMS, over the internal connection), just not to DE*MSP.
        Assert.Equal(HttpStatusCode.Created, (await Publish(new("NL", "OTH"), "ISO-1", Tariff(new("NL", "OTH"), "ISO-1"))).StatusCode);
        await Eventually(async () => (await Received(net.Cpo, new("NL", "IMS"), "ISO-1", new("NL", "OTH"))).IsSuccessStatusCode,
            "NL*IMS holds ISO-1");
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.GetAsync("/admin/parties/DE/MSP/emsp/tariffs/ISO-1", Ct)).StatusCode);

        // The peer cannot address NL*OTH, and NL*CPO's list holds only NL*CPO's tariffs.
        Assert.Equal(HttpStatusCode.NotFound, (await FromSender("/ocpi/2.2.1/sender/tariffs", new("NL", "OTH"))).StatusCode);
        var list = (await Envelope(await FromSender("/ocpi/2.2.1/sender/tariffs?limit=100", NlCpo)))["data"]!.AsArray();
        Assert.All(list, t => Assert.Equal("CPO", (string)t!["party_id"]!));

        // DE*XYZ, hosted next to DE*MSP but in no connection, can be pushed nothing and holds nothing.
        var toXyz = await ToReceiver(HttpMethod.Put, NlCpo, "XYZ-1", Tariff(NlCpo, "XYZ-1").ToJsonString(), to: DeXyz);
        Assert.Equal(HttpStatusCode.NotFound, toXyz.StatusCode);
        Assert.Equal("[]", (await net.Emsp.Admin.GetStringAsync("/admin/parties/DE/XYZ/emsp/tariffs", Ct)).Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, NlCpo, "XYZ-1")).StatusCode);
    }

    [Fact]
    public async Task A_hosted_emsp_on_an_internal_connection_receives_the_tariff_and_its_delete()
    {
        var oth = new PartyRef("NL", "OTH");
        var ims = new PartyRef("NL", "IMS");
        Assert.Equal(HttpStatusCode.Created, (await Publish(oth, "INT-1", Tariff(oth, "INT-1"))).StatusCode);
        await Eventually(async () => (await Received(net.Cpo, ims, "INT-1", oth)).IsSuccessStatusCode, "NL*IMS holds INT-1");
        AssertSameJson(Tariff(oth, "INT-1"), JsonNode.Parse(await (await Received(net.Cpo, ims, "INT-1", oth)).Content.ReadAsStringAsync(Ct)));

        Assert.Equal(HttpStatusCode.NoContent, (await Withdraw(oth, "INT-1")).StatusCode);
        await Eventually(async () => (await Received(net.Cpo, ims, "INT-1", oth)).StatusCode == HttpStatusCode.NotFound, "NL*IMS no longer holds INT-1");
    }

    [Fact]
    public async Task A_resync_brings_back_a_tariff_the_emsp_lost()
    {
        Assert.Equal(HttpStatusCode.Created, (await Publish(NlCpo, "PULL-1", Tariff(NlCpo, "PULL-1"))).StatusCode);
        await Eventually(async () => (await Received(net.Emsp, DeMsp, "PULL-1", NlCpo)).IsSuccessStatusCode, "DE*MSP holds PULL-1");
        Assert.Equal(HttpStatusCode.OK, (await ToReceiver(HttpMethod.Delete, NlCpo, "PULL-1")).StatusCode);

        var resync = await net.Emsp.Admin.PostAsync($"/admin/connections/{net.EmspConnectionId}/resync?full=true", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, resync.StatusCode);
        await Eventually(async () => (await Received(net.Emsp, DeMsp, "PULL-1", NlCpo)).IsSuccessStatusCode, "the pull brought PULL-1 back");
    }

    [Fact]
    public async Task Callers_without_a_known_token_get_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ocpi(net.Cpo, HttpMethod.Get, "/ocpi/2.2.1/sender/tariffs", null, DeMsp, NlCpo)).StatusCode);
        var unknown = await Ocpi(net.Emsp, HttpMethod.Put, "/ocpi/2.2.1/receiver/tariffs/NL/CPO/AUTH-1", "no-such-token-0123456789", NlCpo, DeMsp,
            Tariff(NlCpo, "AUTH-1").ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        await Envelope(unknown);
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(net.Cpo.Url + "/admin/parties/NL/CPO/cpo/tariffs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ToReceiver(HttpMethod.Get, NlCpo, "AUTH-1")).StatusCode);
    }

    /// <summary>The spec's tariff examples that are valid 2.2.1 (tariff_put_example lacks last_updated, digest §6.3).</summary>
    public static TheoryData<string> SpecExamples => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Examples", "2.2.1"), "tariff*.json")
        .Select(f => Path.GetFileName(f)).Where(f => f != "tariff_put_example.json").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public async Task A_spec_example_put_into_the_receiver_reads_back_equal(string file)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Examples", "2.2.1", file), Ct))!;
        var id = (string)example["id"]!;
        var put = await ToReceiver(HttpMethod.Put, DeAll, id, example.ToJsonString());
        Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{put.StatusCode}");
        var putBody = await Envelope(put);
        Assert.True((int)putBody["status_code"]! == 1000, (string?)putBody["status_message"]);

        AssertSameJson(example, (await Envelope(await ToReceiver(HttpMethod.Get, DeAll, id)))["data"]);
        AssertSameJson(example, JsonNode.Parse(await (await Received(net.Emsp, DeMsp, id, DeAll)).Content.ReadAsStringAsync(Ct)));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Peers;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A registered peer cannot make the platform call whatever it likes: response_url has the origin of the peer's own
/// endpoints, only http(s), no private addresses unless Peers:AllowPrivateNetworks, and a failed fetch of a URL the
/// peer gave is not described back to it.
/// </summary>
public sealed class OutboundUrlPolicyScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A platform hosting the CPO NL*CPO, and a fake eMSP (DE*FAK) registered with it; C is the peer's token.</summary>
    private sealed record Registered(PlatformInstance Platform, FakePeer Peer, string ConnectionId, string C) : IAsyncDisposable
    {
        public static async Task<Registered> StartAsync()
        {
            var platform = await PlatformInstance.StartAsync();
            await platform.CreatePartyAsync("NL", "CPO", "CPO");
            var invitation = await platform.InviteAsync("fake peer", "NL*CPO");
            var peer = await FakePeer.StartAsync();
            using var client = new OcpiClient((string)invitation["token"]!);
            var answer = await client.PostAsync(platform.Url + "/ocpi/2.2.1/credentials", peer.Credentials(FakePeer.NewToken()), Ct);
            Assert.True(answer.StatusCode == 1000, answer.ToString());
            return new Registered(platform, peer, (string)invitation["connection_id"]!, (string)answer.Data!["token"]!);
        }

        public async Task<OcpiAnswer> UnlockAsync(string responseUrl)
        {
            using var client = new OcpiClient(C);
            return await client.SendAsync(HttpMethod.Post, Platform.Url + "/ocpi/2.2.1/receiver/commands/UNLOCK_CONNECTOR",
                new { response_url = responseUrl, location_id = "LOC1", evse_uid = "E1", connector_id = "1" }, from: "DE*FAK", to: "NL*CPO", ct: Ct);
        }

        public void AllowPrivateNetworks(bool allow) => Platform.Configure("Peers:AllowPrivateNetworks", allow ? "true" : "false");

        public async ValueTask DisposeAsync()
        {
            await Peer.DisposeAsync();
            await Platform.DisposeAsync();
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Theory]
    [InlineData("http://127.0.0.1:{other}/callback/1")]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("{peer-with-userinfo}")]
    public async Task A_command_whose_response_url_is_not_on_the_peers_own_origin_is_refused_with_2001(string template)
    {
        await using var s = await Registered.StartAsync();
        var url = template.Replace("{other}", ClosedPort().ToString(), StringComparison.Ordinal)
            .Replace("{peer-with-userinfo}", s.Peer.Url.Replace("http://", "http://user:pw@", StringComparison.Ordinal) + "/cb", StringComparison.Ordinal);

        var answer = await s.UnlockAsync(url);

        Assert.True(answer.StatusCode == 2001 && answer.StatusMessage!.Contains("response_url", StringComparison.Ordinal), answer.ToString());
    }

    [Fact]
    public async Task A_response_url_on_the_peers_own_origin_passes_the_rule()
    {
        await using var s = await Registered.StartAsync();

        var answer = await s.UnlockAsync(s.Peer.Url + "/ocpi/2.2.1/commands/callback/1");

        Assert.DoesNotContain("response_url", answer.StatusMessage ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_response_url_on_the_peers_origin_that_redirects_elsewhere_is_not_followed(int status)
    {
        await using var s = await Registered.StartAsync();
        await using var elsewhere = await FakePeer.StartAsync();
        s.Platform.Configure("ChargePoints:Simulator:DelayMilliseconds", "50");
        await s.Platform.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "E1"));
        s.Peer.Answer = r => r.Path == "/callback" ? (status, null, 1000) : null;
        s.Peer.Headers = r => r.Path == "/callback" ? new Dictionary<string, string> { ["Location"] = elsewhere.Url + "/stolen" } : null;

        var answer = await s.UnlockAsync(s.Peer.Url + "/callback");

        Assert.True(answer.StatusCode == 1000, answer.ToString());
        await Scenario.Eventually(() => Task.FromResult(s.Peer.Requests.Any(r => r.Path == "/callback")), "the result is posted to the response_url");
        await Scenario.Stays(() => Task.FromResult(elsewhere.Requests.Count == 0), "nothing reaches the other origin the response_url redirected to");
    }

    [Fact]
    public async Task A_credentials_PUT_whose_url_fails_tells_the_peer_nothing_of_what_answered_there_and_the_operator_everything()
    {
        await using var s = await Registered.StartAsync();
        var port = ClosedPort();
        var credentials = s.Peer.Credentials(FakePeer.NewToken());
        credentials["url"] = $"http://127.0.0.1:{port}/admin/parties";
        using var peer = new OcpiClient(s.C);

        var answer = await peer.PutAsync(s.Platform.Url + "/ocpi/2.2.1/credentials", credentials, Ct);

        Assert.True(answer.StatusCode == 3001, answer.ToString());
        Assert.DoesNotContain(port.ToString(), answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", answer.Body, StringComparison.OrdinalIgnoreCase);
        var audit = (await s.Platform.ConnectionAsync(s.ConnectionId))["audit"]!.AsArray();
        Assert.Contains(audit, e => ((string?)e!["detail"] ?? "").Contains(port.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_private_networks_a_loopback_versions_url_is_400_before_any_call()
    {
        await using var s = await Registered.StartAsync();
        await using var other = await FakePeer.StartAsync();
        s.AllowPrivateNetworks(false);

        var response = await s.Platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "x", versions_url = other.VersionsUrl, token = "abc", parties = new[] { "NL*CPO" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("versions_url", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_non_http_versions_url_is_400_naming_the_field()
    {
        await using var s = await Registered.StartAsync();

        var response = await s.Platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "x", versions_url = "file:///etc/passwd", token = "abc", parties = new[] { "NL*CPO" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("versions_url", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_private_networks_the_peer_client_refuses_at_connect_time_whatever_the_check_before_said()
    {
        await using var s = await Registered.StartAsync();
        await using var local = await FakePeer.StartAsync();
        s.AllowPrivateNetworks(false);
        using var scope = s.Platform.Services.CreateScope();
        var peers = scope.ServiceProvider.GetRequiredService<PeerClient>();

        var refused = await Assert.ThrowsAsync<PeerUnreachableException>(() =>
            peers.SendAsync<JsonNode>(HttpMethod.Post, local.Url + "/ocpi/2.2.1/commands/callback/1", new PeerCredentials("t"), new { }, ct: Ct));

        Assert.Contains("Peers:AllowPrivateNetworks", refused.Message, StringComparison.Ordinal);
        Assert.Empty(local.Requests);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Platform.Api.Infrastructure.Peers;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// R7: the three URLs a peer or operator gives the platform to call (a command's <c>response_url</c>, the credentials
/// <c>url</c>, a connection's <c>versions_url</c>) pointed at loopback in every spelling, at private, link-local and
/// unspecified addresses, with userinfo, and (for response_url) at the peer's own origin answering with a redirect to
/// another origin. A trap listening on every loopback address counts what arrives: the target is 0 connections.
/// </summary>
public static class OutboundUrls
{
    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var row = new RowResult("R7", "Outbound URL policy");
        using var trap = new Trap();
        var p = trap.Port;
        string[] loopback =
        [
            $"http://127.0.0.1:{p}/x", $"http://127.1:{p}/x", $"http://127.0.1:{p}/x", $"http://2130706433:{p}/x", $"http://0x7f000001:{p}/x",
            $"http://0177.0.0.1:{p}/x", $"http://0x7f.0.0.1:{p}/x", $"http://017700000001:{p}/x", $"http://127.000.000.001:{p}/x",
            $"http://[::1]:{p}/x", $"http://[0:0:0:0:0:0:0:1]:{p}/x", $"http://[::ffff:127.0.0.1]:{p}/x", $"http://[::ffff:7f00:1]:{p}/x",
            $"http://localhost:{p}/x", $"http://LOCALHOST:{p}/x", $"http://api.localhost:{p}/x", $"http://localhost.:{p}/x", $"http://127.0.0.1.:{p}/x",
            $"http://0.0.0.0:{p}/x", $"http://0:{p}/x", $"http://[::]:{p}/x", $"https://127.0.0.1:{p}/x", $"http://user:pw@127.0.0.1:{p}/x",
            $"http://peer.example@127.0.0.1:{p}/x", $"http://127.0.0.1:{p}#@peer.example/x", $"http://127.0.0.1%2e:{p}/x",
        ];
        string[] elsewhere =
        [
            "http://10.0.0.1/x", "http://172.16.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/x",
            "http://[fd00::1]/x", "http://[fe80::1]/x", "http://[::ffff:10.0.0.1]/x", "http://224.0.0.1/x", "http://255.255.255.255/x",
            "ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1:70/x",
        ];

        await using var t = await Tenants.StartAsync(Tenants.Setup(("ChargePoints:Simulator:DelayMilliseconds", "50")));
        var platform = t.Platform;
        var token = t.Conn1TokenC;
        platform.Configure("Peers:AllowPrivateNetworks", "false");
        using var peer = new OcpiClient(token);
        var n = 0;
        foreach (var url in loopback.Concat(elsewhere))
        {
            n++;
            var command = await peer.SendAsync(HttpMethod.Post, platform.Url + "/ocpi/2.2.1/receiver/commands/START_SESSION", new JsonObject
            {
                ["response_url"] = url, ["token"] = Builders.Token("DE*FAK", "TOK1"), ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1",
            }, from: "DE*FAK", to: "NL*CPO");
            row.Check(command.StatusCode == 2001, () => $"response_url {url} not refused: {command}");

            var credentials = t.Peer1.Credentials("peer-r7-" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 20));
            credentials["url"] = url;
            var put = await peer.PutAsync(platform.Url + "/ocpi/2.2.1/credentials", credentials);
            row.Check(put.StatusCode != 1000, () => $"credentials url {url} taken: {put}");

            var connect = await platform.Admin.PostAsJsonAsync("/admin/connections", new { name = "r7", versions_url = url, token = "r7-token-0123456789", parties = new[] { "NL*CPO" } });
            row.Check(!connect.IsSuccessStatusCode, () => $"versions_url {url} taken: {(int)connect.StatusCode}");
        }

        // A response_url on the peer's own origin that answers with a redirect to another origin: not followed. The
        // platform's peers are all on 127.0.0.1 here, so private networks are allowed for this part; only the origin rule
        // (and not following redirects) keeps the trap empty.
        await Task.Delay(1000);
        var beforeRedirects = trap.Connections;
        row.Check(beforeRedirects == 0, () => $"{beforeRedirects} connections reached the trap from the spellings");
        platform.Configure("Peers:AllowPrivateNetworks", "true");
        var redirects = new[] { 301, 302, 303, 307, 308 };
        t.Peer1.Answer = r => r.Path.StartsWith("/redirect/", StringComparison.Ordinal) ? (int.Parse(r.Path[10..], System.Globalization.CultureInfo.InvariantCulture), null, 1000)
            : r.Method == "GET" ? (200, new JsonArray(), 1000) : (200, null, 1000);
        t.Peer1.Headers = r => r.Path.StartsWith("/redirect/", StringComparison.Ordinal) ? new Dictionary<string, string> { ["Location"] = $"http://127.0.0.1:{p}/stolen" } : null;
        foreach (var code in redirects)
        {
            var command = await peer.SendAsync(HttpMethod.Post, platform.Url + "/ocpi/2.2.1/receiver/commands/START_SESSION", new JsonObject
            {
                ["response_url"] = $"{t.Peer1.Url}/redirect/{code}", ["token"] = Builders.Token("DE*FAK", "TOK1"), ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1",
            }, from: "DE*FAK", to: "NL*CPO");
            row.Check(command.StatusCode == 1000, () => $"a command with a response_url on the peer's origin was refused: {command}");
        }
        // The results are posted after the simulated charger answers: wait until every redirecting URL was called.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && redirects.Any(c => !t.Peer1.Requests.Any(r => r.Path == $"/redirect/{c}"))) await Task.Delay(200);
        row.Check(redirects.All(c => t.Peer1.Requests.Any(r => r.Path == $"/redirect/{c}")), () => "not every result was posted to its redirecting response_url");
        await Task.Delay(1000);

        row.Check(trap.Connections == beforeRedirects, () => $"{trap.Connections - beforeRedirects} connections reached the trap by a redirect off the peer's origin");
        // The policy's own verdict on each spelling, where the address is literal.
        var policy = new OutboundUrlPolicy(new StaticOptions());
        foreach (var url in loopback.Concat(elsewhere).Where(u => !u.Contains("localhost", StringComparison.Ordinal)))
            row.Check(policy.Problem(url) is not null || Uri.TryCreate(url, UriKind.Absolute, out var u) && !IPAddress.TryParse(u.IdnHost, out _),
                () => $"the policy lets {url} through");
        row.Figures = $"{loopback.Length} loopback spellings + {elsewhere.Length} private, link-local and non-http URLs × 3 channels "
            + $"(response_url, credentials url, versions_url) + {redirects.Length} redirects off the peer's origin: {trap.Connections} connections reached the trap";
        return row;
    }

    private sealed class StaticOptions : Microsoft.Extensions.Options.IOptionsMonitor<PeerOptions>
    {
        public PeerOptions CurrentValue { get; } = new();
        public PeerOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<PeerOptions, string?> listener) => null;
    }

    /// <summary>Listens on every loopback address (IPv4 and IPv6) at one port and counts the connections it accepts.</summary>
    private sealed class Trap : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public Trap()
        {
            _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
            _socket.Listen(100);
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        using var client = await _socket.AcceptAsync(_stop.Token);
                        Interlocked.Increment(ref _connections);
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            });
        }

        public int Port { get; }
        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}

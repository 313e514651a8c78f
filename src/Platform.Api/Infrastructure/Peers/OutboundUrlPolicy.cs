using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Peers;

/// <summary>
/// Which URLs a peer may make us call. A peer-given URL (versions URL, credentials url, response_url, a Link) is
/// http or https without userinfo; a response_url has the origin of an endpoint the calling connection registered;
/// and no call connects to a loopback, private, link-local or unspecified address unless
/// <c>Peers:AllowPrivateNetworks</c> is true. The address rule is enforced where the socket connects
/// (<see cref="ConnectAsync"/>), on the address DNS really gave, so a name that resolves differently later cannot
/// slip past an earlier check; <see cref="Problem"/> applies it early to literal addresses for a clear answer.
/// </summary>
public sealed class OutboundUrlPolicy(IOptionsMonitor<PeerOptions> options)
{
    /// <summary>Read per use, so tests and operators can change it on a running host.</summary>
    public bool AllowPrivateNetworks => options.CurrentValue.AllowPrivateNetworks;

    /// <summary>Why <paramref name="url"/> may not be called, naming the rule; null when it may.</summary>
    public string? Problem(string? url)
    {
        if (SchemeProblem(url) is { } problem) return problem;
        var uri = new Uri(url!);
        if (AllowPrivateNetworks) return null;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return "must not point at a loopback address (Peers:AllowPrivateNetworks is off)";
        return IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address)
            ? "must not point at a private, link-local or unspecified address (Peers:AllowPrivateNetworks is off)"
            : null;
    }

    /// <summary>
    /// Why a response_url given on <paramref name="connection"/> may not be called: the general rules, and the origin
    /// (scheme, host, port) of the connection's versions URL or one of its registered endpoints, so a peer can only
    /// make us post to itself.
    /// </summary>
    public string? ResponseUrlProblem(string? url, Connection connection)
    {
        if (Problem(url) is { } problem) return problem;
        var target = new Uri(url!);
        var registered = PeerEndpoints.All(connection).Select(e => e.Url).Append(connection.VersionsUrl);
        return registered.Any(u => Uri.TryCreate(u, UriKind.Absolute, out var known) && SameOrigin(known, target))
            ? null
            : "must have the origin (scheme, host and port) of one of the endpoints your platform registered with us";
    }

    /// <summary>Only absolute http(s) URLs without userinfo; the address rule needs configuration, this does not.</summary>
    public static string? SchemeProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return "must be an absolute http or https URL";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return $"must be an http or https URL, not {uri.Scheme}";
        return uri.UserInfo.Length > 0 ? "must not carry a user name or password" : null;
    }

    public static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loopback, RFC 1918, CGNAT, RFC 4193, link-local (cloud metadata included), multicast and unspecified.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.Broadcast)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 172 && b[1] is >= 16 and < 32)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and < 128);
    }

    /// <summary>
    /// The peer client's connect step: resolves the host, refuses private addresses unless allowed, and connects to the
    /// first address left. Checking the resolved address here, not the name earlier, is what defeats DNS rebinding.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = AllowPrivateNetworks ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new OutboundUrlRefusedException(
                $"{host} resolves to a loopback, private or link-local address, which the outbound URL policy refuses (Peers:AllowPrivateNetworks is off)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A call the outbound URL policy refused before any byte was sent.</summary>
public sealed class OutboundUrlRefusedException(string message) : Exception(message);

/// <summary>Settings of calls to peers (configuration section <c>Peers</c>).</summary>
public sealed class PeerOptions
{
    /// <summary>
    /// <c>Peers:AllowPrivateNetworks</c> (default false): let peers' URLs point at loopback, private and link-local
    /// addresses; for local multi-instance setups and tests (<c>appsettings.Development.json</c> sets it).
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// The base URL peers use to reach us: <c>Platform:PublicUrl</c>, else the first listening URL (ADMIN-API.md).
/// The versions URL is <c>{PublicUrl}/ocpi/versions</c>.
/// </summary>
public sealed class PublicUrl(IConfiguration configuration, IServer server, IHttpContextAccessor http)
{
    public string Base
    {
        get
        {
            var configured = configuration["Platform:PublicUrl"];
            if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return "http://localhost";
            // Kestrel reports wildcard bindings as http://[::]:80 or http://+:80; peers need a reachable host.
            return address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .TrimEnd('/');
        }
    }

    public string Ocpi => Base + "/ocpi";

    public string VersionsUrl => Ocpi + "/versions";

    public string VersionUrl(string version) => $"{Ocpi}/{version}";

    /// <summary>
    /// Where peers reach one of our interfaces in <paramref name="version"/>; by default the version of the OCPI request
    /// being answered (a Link or Location header stays in the caller's version), else 2.2.1.
    /// </summary>
    public string Of(Platform.Api.Modules.OcpiInterface descriptor, string? version = null) =>
        $"{VersionUrl(version ?? Platform.Api.Modules.Versions.WireEdge.VersionOf(http.HttpContext))}/{descriptor.RelativePath}";
}

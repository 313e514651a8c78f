using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Credentials;

/// <summary>A peer's chosen version and its endpoints for that version; <see cref="RawToken"/>: it reads the token unencoded.</summary>
public sealed record PeerVersion(string Version, IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> Endpoints, bool RawToken = false)
{
    public string EndpointsJson => OcpiJson.Serialize(Endpoints);

    public string? Url(string module, InterfaceRole? role = null) =>
        Endpoints.FirstOrDefault(e => e.Identifier == module && (role is null || e.Role == role))?.Url
        ?? (role is null ? null : Endpoints.FirstOrDefault(e => e.Identifier == module)?.Url);

    public static IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<Platform.Ocpi.Model.Versions.Endpoint>>(json, OcpiJson.Options) ?? [];
}

/// <summary>
/// A step of a credentials exchange failed; <see cref="Exception.Message"/> says which and what the URL answered (for
/// our operator), <see cref="PeerMessage"/> only what may go back to the peer: a URL it gave us may point anywhere,
/// and echoing what answered there would make us a port scanner for whoever holds a token.
/// </summary>
public sealed class RegistrationFailedException(string message, int ocpiStatus, string? peerMessage = null) : Exception(message)
{
    public int OcpiStatus { get; } = ocpiStatus;

    public string PeerMessage { get; } = peerMessage ?? message;
}

/// <summary>
/// Reads a peer's versions and version details (2.2.1 credentials §Registration steps 2–3 and 6) and checks that
/// we have modules in common. Failure to read is 3001, nothing in common is 3003. The version is the one asked for
/// (the version of our credentials URL the peer called, or the operator's pin), else the highest both speak. A peer
/// that refuses the Base64 token (401) is asked again with the token as it is: 2.1.1 peers read it so.
/// </summary>
public sealed class PeerDiscovery(PeerClient peers, OcpiEndpointCatalog catalog, Versions.ProtocolVersions supported)
{
    /// <param name="wanted">The version that must be chosen (pinned, or called); null: the highest mutual one.</param>
    /// <param name="theirRole">The peer's role, which a 2.1.1 peer's endpoints do not say (derived from our party's).</param>
    public async Task<PeerVersion> DiscoverAsync(string versionsUrl, PeerCredentials credentials, CancellationToken ct, string? wanted = null,
        Role theirRole = Role.CPO)
    {
        // A peer that must be 2.1.1 (it called our 2.1.1 credentials, or the connection is pinned) gets its token as it
        // is from the first call: a strict 2.1.1 peer refuses the Base64 form with 401 already at its versions list.
        if (wanted is not null && Versions.VersionModules.IsSingleParty(wanted)) credentials = credentials with { RawToken = true };
        var (versions, used) = await VersionsAsync(versionsUrl, credentials, ct);
        credentials = used;
        var offered = string.Join(", ", versions.Select(v => v.Version));
        var choice = supported.Choose(versions.Select(v => v.Version), wanted);
        var chosen = versions.FirstOrDefault(v => v.Version == choice)
            ?? throw new RegistrationFailedException(wanted is null
                    ? $"no mutual OCPI version: the peer offers [{offered}], we support [{string.Join(", ", supported.Enabled)}]"
                    : $"the peer offers [{offered}], not {wanted}, the version this connection must use",
                Platform.Ocpi.Transport.OcpiStatus.UnsupportedVersion);
        if (Versions.VersionModules.IsSingleParty(chosen.Version)) credentials = credentials with { RawToken = true };
        if (string.IsNullOrEmpty(chosen.Url))
            throw new RegistrationFailedException($"the peer lists version {chosen.Version} without a URL", Platform.Ocpi.Transport.OcpiStatus.UnableToUseClientApi);

        var details = await Call<VersionDetails>("GET version details", chosen.Url, credentials, ct);
        var endpoints = details.Endpoints?.Where(e => !string.IsNullOrEmpty(e.Identifier) && !string.IsNullOrEmpty(e.Url)).ToList() ?? [];
        if (!endpoints.Any(e => e.Identifier == ModuleIds.Credentials))
            throw new RegistrationFailedException("the peer's version details list no credentials endpoint", Platform.Ocpi.Transport.OcpiStatus.NoMatchingEndpoints);
        // Mutual = a functional module both sides list; the check grows with the modules this platform implements.
        var ours = catalog.Interfaces.Select(i => i.Module).Where(m => m != ModuleIds.Credentials).ToHashSet();
        if (ours.Count > 0 && !endpoints.Any(e => ours.Contains(e.Identifier!)))
            throw new RegistrationFailedException(
                $"no mutual modules: the peer lists [{string.Join(", ", endpoints.Select(e => e.Identifier).Distinct())}], we implement [{string.Join(", ", ours)}]",
                Platform.Ocpi.Transport.OcpiStatus.NoMatchingEndpoints);
        if (Versions.VersionModules.IsSingleParty(chosen.Version)) endpoints = WithRoles(endpoints, theirRole);
        return new PeerVersion(chosen.Version!, endpoints, credentials.RawToken);
    }

    /// <summary>The peer's versions, and the token form it took: as it is when it refused the Base64 one with 401 (a 2.1.1 peer).</summary>
    private async Task<(List<VersionInfo>, PeerCredentials)> VersionsAsync(string url, PeerCredentials credentials, CancellationToken ct)
    {
        const string step = "GET versions";
        var answer = await Fetch<List<VersionInfo>>(step, url, credentials, ct);
        if (answer.HttpStatus == 401 && !credentials.RawToken)
        {
            var raw = credentials with { RawToken = true };
            var again = await Fetch<List<VersionInfo>>(step, url, raw, ct);
            if (again.IsSuccess) return (Unwrap(step, url, again), raw);
        }
        return (Unwrap(step, url, answer), credentials);
    }

    /// <summary>
    /// 2.1.1 endpoints name no role: a CPO's locations, tariffs, sessions and cdrs are its Sender interfaces, its tokens
    /// and commands its Receiver ones, and the other way round for an eMSP; stored so, the rest of the platform reads
    /// them as any other connection's.
    /// </summary>
    public static List<Platform.Ocpi.Model.Versions.Endpoint> WithRoles(IEnumerable<Platform.Ocpi.Model.Versions.Endpoint> endpoints, Role theirRole) =>
        endpoints.Select(e =>
        {
            var cpoOwned = e.Identifier is ModuleIds.Locations or ModuleIds.Tariffs or ModuleIds.Sessions or ModuleIds.Cdrs;
            var sender = e.Identifier == ModuleIds.Credentials || (theirRole == Role.CPO) == cpoOwned;
            return e with { Role = sender ? InterfaceRole.SENDER : InterfaceRole.RECEIVER };
        }).ToList();

    private async Task<T> Call<T>(string step, string url, PeerCredentials credentials, CancellationToken ct) where T : class =>
        Unwrap(step, url, await Fetch<T>(step, url, credentials, ct));

    private async Task<PeerAnswer<T>> Fetch<T>(string step, string url, PeerCredentials credentials, CancellationToken ct) where T : class
    {
        try
        {
            return await peers.SendAsync<T>(HttpMethod.Get, url, credentials, ct: ct);
        }
        catch (PeerUnreachableException e)
        {
            throw new RegistrationFailedException($"{step} at {url} failed: {e.Message}", Platform.Ocpi.Transport.OcpiStatus.UnableToUseClientApi,
                $"{step} with the URL and token you sent failed; our operator has the details");
        }
    }

    private static T Unwrap<T>(string step, string url, PeerAnswer<T> answer) where T : class
    {
        if (!answer.IsSuccess || answer.Data is null)
            throw new RegistrationFailedException($"{step} at {url} answered {answer.Describe()}", Platform.Ocpi.Transport.OcpiStatus.UnableToUseClientApi,
                $"{step} with the URL and token you sent did not answer a successful OCPI envelope; our operator has the details");
        return answer.Data;
    }
}

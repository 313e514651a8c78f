using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Credentials;

/// <summary>A peer's chosen version and its endpoints for that version.</summary>
public sealed record PeerVersion(string Version, IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> Endpoints)
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
/// we have modules in common. Failure to read is 3001, nothing in common is 3003.
/// </summary>
public sealed class PeerDiscovery(PeerClient peers, OcpiEndpointCatalog catalog)
{
    private static readonly string[] Supported = [OcpiVersions.V221];

    public async Task<PeerVersion> DiscoverAsync(string versionsUrl, PeerCredentials credentials, CancellationToken ct)
    {
        var versions = await Call<List<VersionInfo>>("GET versions", versionsUrl, credentials, ct);
        var chosen = versions.Where(v => v.Version is not null && Supported.Contains(v.Version)).MaxBy(v => v.Version)
            ?? throw new RegistrationFailedException(
                $"no mutual OCPI version: the peer offers [{string.Join(", ", versions.Select(v => v.Version))}], we support [{string.Join(", ", Supported)}]",
                Platform.Ocpi.Transport.OcpiStatus.UnsupportedVersion);
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
        return new PeerVersion(chosen.Version!, endpoints);
    }

    private async Task<T> Call<T>(string step, string url, PeerCredentials credentials, CancellationToken ct) where T : class
    {
        PeerAnswer<T> answer;
        try
        {
            answer = await peers.SendAsync<T>(HttpMethod.Get, url, credentials, ct: ct);
        }
        catch (PeerUnreachableException e)
        {
            throw new RegistrationFailedException($"{step} at {url} failed: {e.Message}", Platform.Ocpi.Transport.OcpiStatus.UnableToUseClientApi,
                $"{step} with the URL and token you sent failed; our operator has the details");
        }
        if (!answer.IsSuccess || answer.Data is null)
            throw new RegistrationFailedException($"{step} at {url} answered {answer.Describe()}", Platform.Ocpi.Transport.OcpiStatus.UnableToUseClientApi,
                $"{step} with the URL and token you sent did not answer a successful OCPI envelope; our operator has the details");
        return answer.Data;
    }
}

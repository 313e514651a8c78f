using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Versions;
using Platform.Ocpi.Model.Credentials;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>Versions, version details and credentials: no routing headers (configuration modules).</summary>
public static class ConfigurationChecks
{
    public static async Task RunAsync(ProbeRun run, CancellationToken ct)
    {
        var connection = run.Connection;
        var versions = await run.Calls.GetAsync(connection.VersionsUrl!, null, null, ct);
        var detailsUrl = VersionUrl(versions, connection.Version);
        run.Judge("versions: list well-formed", "versions", ProbeSpecs.Versions, VersionsProblem(versions, connection.Version, detailsUrl),
            $"lists version {connection.Version} with its details URL", versions);

        if (detailsUrl is null)
            run.Skip("version details: well-formed", "versions", ProbeSpecs.VersionDetails, "the versions list gave no details URL for the connection's version");
        else
        {
            var details = await run.Calls.GetAsync(detailsUrl, null, null, ct);
            var problem = DetailsProblem(details, connection.Version, roles: !run.Is211);
            run.Judge("version details: well-formed", "versions", ProbeSpecs.VersionDetails, problem, "version and endpoints well-formed", details);
            if (problem is null && Changed(details, PeerEndpoints.All(connection), roles: !run.Is211) is { } changed)
                run.Add("version details: the endpoints registered", "versions", ProbeResults.Warn, ProbeSpecs.VersionDetails,
                    $"the endpoints differ from those registered ({changed}); the peer should update them with a credentials PUT", details);
        }

        if (PeerEndpoints.Find(connection, ModuleIds.Credentials, null) is not { } credentialsUrl)
        {
            run.Fail("credentials: GET answers our token's credentials", "credentials", ProbeSpecs.Credentials, "the peer registered no credentials endpoint");
            return;
        }
        var credentials = await run.Calls.GetAsync(credentialsUrl, null, null, ct);
        run.Judge("credentials: GET answers our token's credentials", "credentials", ProbeSpecs.Credentials, CredentialsProblem(run, credentials),
            "the credentials object of the token we call with", credentials);
    }

    private static string? VersionUrl(ProbeExchange versions, string? version) =>
        versions.IsSuccess && versions.Data.ValueKind == JsonValueKind.Array
            ? versions.Data.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object && Text(v, "version") == version)
                .Select(v => Text(v, "url")).FirstOrDefault(IsAbsoluteUrl)
            : null;

    private static string? VersionsProblem(ProbeExchange versions, string? version, string? detailsUrl)
    {
        if (versions.EnvelopeProblem() is { } envelope) return envelope;
        if (!versions.IsSuccess) return $"answered {versions.Outcome}";
        if (versions.Data.ValueKind != JsonValueKind.Array) return $"data is a JSON {Kind(versions.Data)} where the spec requires a list of versions";
        var bad = versions.Data.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Object || Text(v, "version") is null || !IsAbsoluteUrl(Text(v, "url"))).ToList();
        if (bad.Count > 0) return $"{bad.Count} entr{(bad.Count == 1 ? "y lacks" : "ies lack")} a version or an absolute url";
        return detailsUrl is null ? $"version {version}, the one registered, is not listed" : null;
    }

    /// <param name="roles">Whether endpoints name their role: 2.2.1 and 2.3.0 require it, 2.1.1 has none (its roles are derived at registration).</param>
    private static string? DetailsProblem(ProbeExchange details, string? version, bool roles)
    {
        if (details.EnvelopeProblem() is { } envelope) return envelope;
        if (!details.IsSuccess) return $"answered {details.Outcome}";
        if (details.Data.ValueKind != JsonValueKind.Object) return $"data is a JSON {Kind(details.Data)} where the spec requires one object";
        if (Text(details.Data, "version") != version) return $"version is '{Text(details.Data, "version")}', not {version}";
        if (!details.Data.TryGetProperty("endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Array || endpoints.GetArrayLength() == 0)
            return "endpoints is missing or empty";
        var problems = endpoints.EnumerateArray().Select((e, i) => EndpointProblem(e, roles) is { } p ? $"endpoints[{i}]: {p}" : null).OfType<string>().ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems.Take(5));
    }

    private static string? EndpointProblem(JsonElement endpoint, bool roles)
    {
        if (endpoint.ValueKind != JsonValueKind.Object) return "not an object";
        if (Text(endpoint, "identifier") is null) return "identifier is missing";
        if (roles && Text(endpoint, "role") is not (nameof(InterfaceRole.SENDER) or nameof(InterfaceRole.RECEIVER))) return $"role '{Text(endpoint, "role")}' is not SENDER or RECEIVER";
        return IsAbsoluteUrl(Text(endpoint, "url")) ? null : $"url '{Text(endpoint, "url")}' is not an absolute http(s) URL";
    }

    /// <summary>What differs between the listed endpoints and the registered ones, or null.</summary>
    private static string? Changed(ProbeExchange details, IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> registered, bool roles)
    {
        string Key(string? identifier, string? role, string? url) => roles ? $"{identifier} {role} {url}" : $"{identifier} {url}";
        var listed = details.Data.GetProperty("endpoints").EnumerateArray()
            .Where(e => Text(e, "identifier") != ModuleIds.Credentials)
            .Select(e => Key(Text(e, "identifier"), Text(e, "role"), Text(e, "url"))).ToHashSet();
        var known = registered.Where(e => e.Identifier != ModuleIds.Credentials).Select(e => Key(e.Identifier, e.Role?.ToString(), e.Url)).ToHashSet();
        var added = listed.Except(known).ToList();
        var gone = known.Except(listed).ToList();
        if (added.Count == 0 && gone.Count == 0) return null;
        return string.Join("; ", added.Select(a => "new: " + a).Concat(gone.Select(g => "no longer listed: " + g)).Take(6));
    }

    private static string? CredentialsProblem(ProbeRun run, ProbeExchange credentials)
    {
        if (credentials.EnvelopeProblem() is { } envelope) return envelope;
        if (!credentials.IsSuccess) return $"answered {credentials.Outcome}";
        var data = credentials.Data;
        if (data.ValueKind != JsonValueKind.Object) return $"data is a JSON {Kind(data)} where the spec requires the credentials object";
        if (run.Is211 && data.TryGetProperty("roles", out _))
            return "the credentials object has roles, which 2.1.1 does not know: a 2.1.1 one is flat (token, url, business_details, party_id, country_code)";
        // A 2.1.1 object is read as the model's one-role form; its problems name the flat fields again.
        var problem = run.ModelProblem(WireKind.Credentials, data, null, null, e => WireCheck.Read<Credentials>(e).Problem);
        if (problem is not null) return run.Is211 ? problem.Replace("roles[0].", "", StringComparison.Ordinal) : problem;
        return run.Calls.IsOurToken(Text(data, "token")) ? null : "the token in the answer is not the one we call the peer with";
    }

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => "absent value",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static bool IsAbsoluteUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

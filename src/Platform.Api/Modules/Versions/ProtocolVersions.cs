using Microsoft.Extensions.Primitives;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

/// <summary>
/// Which OCPI versions this platform offers: <c>Ocpi:Versions</c> (a list, or one comma-separated string), all three
/// when unset. Read again when the configuration reloads, so an operator's change applies without a restart; a
/// switched-off version is no longer listed, negotiated or routed, while its connections stay as they are until the
/// peer or the operator moves them.
/// </summary>
public sealed class ProtocolVersions(IConfiguration configuration)
{
    public const string Section = "Ocpi:Versions";

    // Every OCPI request's route match asks: reading the section each time took the configuration's lock per request.
    // One reference, swapped whole: requests read it concurrently.
    private Read? _read;

    public IReadOnlyList<string> Enabled
    {
        get
        {
            if (_read is { } read && !read.Token.HasChanged) return read.Versions;
            var token = configuration.GetReloadToken();
            var section = configuration.GetSection(Section);
            var listed = section.GetChildren().Select(c => c.Value).Append(section.Value)
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<string> versions = listed.Count == 0 ? OcpiVersions.All : OcpiVersions.All.Where(listed.Contains).ToList();
            _read = new Read(token, versions);
            return versions;
        }
    }

    private sealed record Read(IChangeToken Token, IReadOnlyList<string> Versions);

    public bool IsEnabled(string? version) => version is not null && Enabled.Contains(version);

    /// <summary>The highest version both sides speak, or the pinned one when both speak it; null when there is none.</summary>
    public string? Choose(IEnumerable<string?> theirs, string? pinned = null)
    {
        var mutual = theirs.OfType<string>().Where(IsEnabled).ToList();
        if (pinned is not null) return mutual.Contains(pinned) ? pinned : null;
        return mutual.OrderBy(v => v, Comparer<string>.Create(OcpiVersions.Compare)).LastOrDefault();
    }

    /// <summary>Checks a version an operator wants to pin a connection to: null when fine, else why not.</summary>
    public string? PinProblem(string? version) =>
        version is null || IsEnabled(version) ? null
            : OcpiVersions.All.Contains(version) ? $"version: {version} is switched off here ({Section})"
            : $"version: must be one of {string.Join(", ", Enabled)}";
}

/// <summary>
/// Route constraint <c>{ocpiVersion:ocpiversion}</c>: an interface answers under every version that is switched on,
/// so one route group serves them all and the version of a request is a route value the edge translates by.
/// </summary>
public sealed class OcpiVersionRouteConstraint(ProtocolVersions versions) : IRouteConstraint
{
    public const string Name = "ocpiversion";
    public const string Parameter = "ocpiVersion";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && versions.IsEnabled(value as string);
}

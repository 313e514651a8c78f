
namespace Platform.Api.Modules.Versions;

/// <summary>
/// The versions configuration module (2.2.1 version_information_endpoint): no routing headers, any known
/// token (token A included) may call it.
/// </summary>
public static class VersionsModule
{
    public static IEndpointRouteBuilder MapVersions(this IEndpointRouteBuilder ocpi)
    {
        ocpi.MapGet("/versions", (IMediator m, CancellationToken ct) => m.Send(new GetVersions(), ct).AsOcpiResult())
            .WithMetadata(OcpiAccess.AnyToken);
        ocpi.MapGet($"/{{{OcpiVersionRouteConstraint.Parameter}:{OcpiVersionRouteConstraint.Name}}}",
                (string ocpiVersion, IMediator m, CancellationToken ct) => m.Send(new GetVersionDetails(ocpiVersion), ct).AsOcpiResult())
            .WithMetadata(OcpiAccess.AnyToken);
        return ocpi;
    }
}

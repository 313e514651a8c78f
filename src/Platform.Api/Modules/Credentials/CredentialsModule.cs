using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Credentials;

/// <summary>The credentials configuration module (2.2.1 credentials): no routing headers; token A allowed.</summary>
public static class CredentialsModule
{
    // Listed once, as SENDER (errata advice); token A may call it, so it is not routed to a hosted party.
    public static readonly OcpiInterface Interface = new(ModuleIds.Credentials, InterfaceRole.SENDER, "credentials", HostedRole: null);

    public static IEndpointRouteBuilder MapCredentials(this IEndpointRouteBuilder ocpi)
    {
        var group = ocpi.MapInterface(Interface);
        group.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetCredentials(), ct).AsOcpiResult());
        group.MapPost("", (string ocpiVersion, OcpiBody<Platform.Ocpi.Model.Credentials.Credentials> body, IMediator m, CancellationToken ct) =>
            m.Send(new RegisterPeer(body.Value, Rotation: false, ocpiVersion), ct).AsOcpiResult());
        group.MapPut("", (string ocpiVersion, OcpiBody<Platform.Ocpi.Model.Credentials.Credentials> body, IMediator m, CancellationToken ct) =>
            m.Send(new RegisterPeer(body.Value, Rotation: true, ocpiVersion), ct).AsOcpiResult());
        group.MapDelete("", (IMediator m, CancellationToken ct) => m.Send(new UnregisterPeer(), ct).AsOcpiResult());
        return ocpi;
    }
}

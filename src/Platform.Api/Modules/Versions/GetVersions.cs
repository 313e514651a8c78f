using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

public sealed record GetVersions : IRequest<OcpiResult>;

/// <summary>Every version switched on (<see cref="ProtocolVersions"/>), oldest first.</summary>
public sealed class GetVersionsHandler(PublicUrl urls, ProtocolVersions versions) : IRequestHandler<GetVersions, OcpiResult>
{
    public ValueTask<OcpiResult> Handle(GetVersions request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(OcpiResult.Ok(versions.Enabled.Select(v => new VersionInfo { Version = v, Url = urls.VersionUrl(v) }).ToList()));
}

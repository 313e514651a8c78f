using Mediator;
using Platform.Api.Infrastructure.Web;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

public sealed record GetVersions : IRequest<OcpiResult>;

public sealed class GetVersionsHandler(PublicUrl urls) : IRequestHandler<GetVersions, OcpiResult>
{
    public ValueTask<OcpiResult> Handle(GetVersions request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(OcpiResult.Ok(new[]
        {
            new VersionInfo { Version = OcpiVersions.V221, Url = urls.VersionUrl(OcpiVersions.V221) },
        }));
}

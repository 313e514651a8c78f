using Platform.Api.Modules;

namespace Platform.Api.Infrastructure.Problems;

/// <summary>
/// Records an OCPI request refused for an authenticated peer as an inbound problem of its connection: the module of
/// the interface it called, the object id from its URL, the status we answered and why.
/// </summary>
public static class InboundRefusals
{
    private static readonly string[] NotObjectIds = ["countryCode", "partyId", "command", "version", Modules.Versions.OcpiVersionRouteConstraint.Parameter];

    public static Task RecordAsync(HttpContext http, int httpStatus, int ocpiStatus, string reason)
    {
        var connectionId = OcpiContext.Find(http)?.ConnectionId ?? http.RequestServices.GetService<OcpiCaller>()?.Token?.ConnectionId;
        if (connectionId is null) return Task.CompletedTask;
        var module = http.GetEndpoint()?.Metadata.GetMetadata<OcpiInterface>()?.Module;
        var objectId = http.Request.RouteValues.Where(v => !NotObjectIds.Contains(v.Key, StringComparer.OrdinalIgnoreCase))
            .Select(v => v.Value as string).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return http.RequestServices.GetRequiredService<ConnectionProblems>().RecordAsync(connectionId, ProblemDirections.Inbound, module, objectId,
            $"we answered HTTP {httpStatus}, OCPI {ocpiStatus}", reason, CancellationToken.None);
    }
}

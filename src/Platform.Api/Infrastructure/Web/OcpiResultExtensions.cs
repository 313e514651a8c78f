namespace Platform.Api.Infrastructure.Web;

public static class OcpiResultExtensions
{
    /// <summary>Lets an endpoint stay one line: <c>m.Send(request, ct).AsOcpiResult()</c>.</summary>
    public static async Task<IResult> AsOcpiResult(this ValueTask<OcpiResult> pending) => new OcpiHttpResult(await pending);

    private sealed class OcpiHttpResult(OcpiResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => OcpiEnvelopeWriter.WriteAsync(httpContext, result);
    }
}

using Microsoft.AspNetCore.Http.Features;
using Platform.Api.Admin;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// Bodies larger than <c>Ocpi:MaxBodyBytes</c> are refused with 413 (an OCPI envelope under /ocpi, problem details
/// elsewhere) before anything reads them: at once when Content-Length says so, else when reading passes the limit.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    /// <summary>A few MB: the largest OCPI object a peer sends in one call (a Location with many EVSEs) is far smaller.</summary>
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    // Read once: looking it up in every configuration source cost about a microsecond on each request.
    private readonly long _max = configuration.GetValue<long?>("Ocpi:MaxBodyBytes") ?? DefaultMaxBodyBytes;

    public Task InvokeAsync(HttpContext http)
    {
        var max = _max;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        return http.Request.ContentLength > max ? RefuseAsync(http, max) : next(http);
    }

    public static string Message(long max) => $"The request body is larger than this platform accepts ({max} bytes, Ocpi:MaxBodyBytes)";

    private static Task RefuseAsync(HttpContext http, long max) =>
        http.Request.Path.StartsWithSegments("/ocpi")
            ? OcpiEnvelopeWriter.WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, OcpiStatus.ClientError, Message(max))
            : AdminProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, Message(max));
}

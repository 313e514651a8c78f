using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// Every answer under /ocpi is an envelope, errors included: rejections get the spec's HTTP and OCPI status,
/// an unknown route 404, a method the route lacks 405, and an unexpected exception HTTP 500 with an error id
/// that is logged with the exception (never a stack trace to the caller).
/// </summary>
public sealed class OcpiErrorMiddleware(RequestDelegate next, ILogger<OcpiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (RequestRejectedException e) when (!http.Response.HasStarted)
        {
            var (httpStatus, ocpiStatus) = Map(e);
            // Fields named as the request's version spells them (a 2.1.1 peer sent "voltage", not "max_voltage").
            var reason = e.Kind == RejectionKind.Invalid ? Modules.Versions.WireFieldNames.OfRequest(http, e.Message) : e.Message;
            logger.LogInformation("OCPI request refused: {Status} {OcpiStatus} {Reason}", httpStatus, ocpiStatus, reason);
            if (e.Kind != RejectionKind.Unauthenticated) await Problems.InboundRefusals.RecordAsync(http, httpStatus, ocpiStatus, reason);
            http.Response.Clear();
            await OcpiEnvelopeWriter.WriteErrorAsync(http, httpStatus, ocpiStatus, reason);
            return;
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var errorId = Guid.NewGuid().ToString("N")[..12];
            logger.LogError(e, "Unhandled error {ErrorId} on {Method} {Path}", errorId, http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await OcpiEnvelopeWriter.WriteErrorAsync(http, 500, OcpiStatus.ServerError,
                $"Internal error; quote error id {errorId} to the platform operator");
            return;
        }

        // Routing answered without a body (no matching route or method): give it an envelope too.
        if (!http.Response.HasStarted && http.Response.StatusCode is 404 or 405 && http.Response.ContentLength is null or 0)
        {
            var message = http.Response.StatusCode == 404
                ? $"No OCPI endpoint at {http.Request.Method} {http.Request.Path}"
                : $"Method {http.Request.Method} is not supported at {http.Request.Path}";
            await OcpiEnvelopeWriter.WriteErrorAsync(http, http.Response.StatusCode, OcpiStatus.ClientError, message);
        }
    }

    public static (int Http, int Ocpi) Map(RequestRejectedException e) => e.Kind switch
    {
        RejectionKind.MalformedJson => (400, e.OcpiStatus ?? OcpiStatus.InvalidOrMissingParameters),
        RejectionKind.Invalid => (200, e.OcpiStatus ?? OcpiStatus.InvalidOrMissingParameters),
        RejectionKind.Unauthenticated => (401, e.OcpiStatus ?? OcpiStatus.ClientError),
        RejectionKind.NotFound => (404, e.OcpiStatus ?? OcpiStatus.ClientError),
        RejectionKind.WrongState => (405, e.OcpiStatus ?? OcpiStatus.ClientError),
        RejectionKind.Conflict => (200, e.OcpiStatus ?? OcpiStatus.ClientError),
        RejectionKind.PeerFailed => (200, e.OcpiStatus ?? OcpiStatus.UnableToUseClientApi),
        RejectionKind.TooLarge => (413, e.OcpiStatus ?? OcpiStatus.ClientError),
        _ => (500, OcpiStatus.ServerError),
    };
}

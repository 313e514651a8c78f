using Platform.Api.Infrastructure.Security;
using Platform.Api.Infrastructure.Web;

namespace Platform.Api.Admin;

/// <summary>
/// Everything under /admin: the admin key is required (401 otherwise), and refusals become RFC 9457 problem
/// details with a detail a person can act on.
/// </summary>
public sealed class AdminMiddleware(RequestDelegate next, AdminKey key, ILogger<AdminMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!key.Accepts(http.Request.Headers.Authorization))
        {
            await Problem(http, 401, "Unauthorized", "Send 'Authorization: Bearer <admin API key>' (Admin:ApiKey).");
            return;
        }
        try
        {
            await next(http);
        }
        catch (RequestRejectedException e) when (!http.Response.HasStarted)
        {
            var status = e.Kind switch
            {
                RejectionKind.MalformedJson or RejectionKind.Invalid => 400,
                RejectionKind.Unauthenticated => 401,
                RejectionKind.NotFound => 404,
                RejectionKind.WrongState or RejectionKind.Conflict => 409,
                RejectionKind.PeerFailed => 502,
                RejectionKind.TooLarge => 413,
                _ => 500,
            };
            logger.LogInformation("Admin request refused: {Status} {Reason}", status, e.Message);
            await Problem(http, status, Title(status), e.Message);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var errorId = Guid.NewGuid().ToString("N")[..12];
            logger.LogError(e, "Unhandled admin error {ErrorId} on {Method} {Path}", errorId, http.Request.Method, http.Request.Path);
            await Problem(http, 500, "Internal error", $"Unexpected error; quote error id {errorId} to the platform operator.");
        }
    }

    private static string Title(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request body too large",
        502 => "Peer failed",
        _ => "Error",
    };

    public static Task Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}

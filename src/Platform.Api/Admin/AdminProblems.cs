using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Api.Admin;

/// <summary>
/// Admin API errors as RFC 9457 problem details (<c>AddProblemDetails</c> + this <see cref="IExceptionHandler"/>):
/// a refusal gets its status and a detail a person can act on; anything unexpected a 500 with an error id that is
/// logged with the exception, never a stack trace.
/// </summary>
public sealed class AdminProblems(ILogger<AdminProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/admin") || http.Response.HasStarted) return false;
        if (exception is RequestRejectedException e)
        {
            var status = Status(e.Kind);
            logger.LogInformation("Admin request refused: {Status} {Reason}", status, e.Message);
            await WriteAsync(http, status, e.Message);
            return true;
        }
        var errorId = Guid.NewGuid().ToString("N")[..12];
        logger.LogError(exception, "Unhandled admin error {ErrorId} on {Method} {Path}", errorId, http.Request.Method, http.Request.Path);
        await WriteAsync(http, 500, $"Unexpected error; quote error id {errorId} to the platform operator.");
        return true;
    }

    public static int Status(RejectionKind kind) => kind switch
    {
        RejectionKind.MalformedJson or RejectionKind.Invalid => 400,
        RejectionKind.Unauthenticated => 401,
        RejectionKind.NotFound => 404,
        RejectionKind.WrongState or RejectionKind.Conflict => 409,
        RejectionKind.PeerFailed => 502,
        RejectionKind.TooLarge => 413,
        _ => 500,
    };

    private static string Title(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request body too large",
        502 => "Peer failed",
        _ => "Error",
    };

    public static Task WriteAsync(HttpContext http, int status, string detail)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: Title(status)).ExecuteAsync(http);
    }
}

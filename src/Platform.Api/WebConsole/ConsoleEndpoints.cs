using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.FileProviders;
using Platform.Api.Admin;

namespace Platform.Api.WebConsole;

/// <summary>
/// The back-office console at <c>/console</c>: plain HTML, CSS and JavaScript modules shipped inside the assembly
/// (<c>WebConsole/assets</c>, no front-end build), sign-in with the admin key, sign-out, and the session's antiforgery
/// token for the console's own admin API calls. Everything it shows comes from the admin API.
/// </summary>
public static class ConsoleEndpoints
{
    private static readonly EmbeddedFileProvider Assets = new(typeof(ConsoleEndpoints).Assembly, "console");

    // The console runs only its own scripts and styles and is never framed (clickjacking the Delete button).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = "/console/assets",
            OnPrepareResponse = context => Harden(context.Context.Response),
        });
        app.MapGet("/", () => SeeOther("/console")).ExcludeFromDescription();
        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("", async (HttpContext http) =>
            (await http.AuthenticateAsync(AdminAccess.SchemeName)).Succeeded ? Page(http, "index.html") : SeeOther("/console/sign-in"));
        console.MapGet("/sign-in", (HttpContext http) => Page(http, "sign-in.html"));
        console.MapPost("/sign-in", SignInAsync);
        console.MapPost("/sign-out", SignOutAsync).RequireAuthorization(AdminAccess.Policy);
        console.MapGet("/session", (HttpContext http) => ConsoleAuthentication.SessionOf(http.User) is { } session
                ? AdminJson.Ok(new { antiforgery_token = session.AntiforgeryToken })
                : Results.Problem("Only a console sign-in has a session; a call with the admin key needs no antiforgery token.", statusCode: 400))
            .RequireAuthorization(AdminAccess.Policy);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IMediator m, ILogger<ConsoleSession> logger, CancellationToken ct)
    {
        var key = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct))["api_key"].ToString() : null;
        var session = await m.Send(new StartConsoleSession(key), ct);
        if (session is null)
        {
            logger.LogWarning("Console sign-in refused: the key is not the admin key");
            return SeeOther("/console/sign-in?failed=1");
        }
        await ConsoleAuthentication.SignInAsync(http, session);
        logger.LogInformation("Console sign-in {ConsoleSession} until {ExpiresAt:O}", session.Id, session.ExpiresAt);
        return SeeOther("/console");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IMediator m, CancellationToken ct)
    {
        if (ConsoleAuthentication.SessionOf(http.User) is { } session) await m.Send(new EndConsoleSession(session.Id), ct);
        await http.SignOutAsync(ConsoleAuthentication.SchemeName);
        return SeeOther("/console/sign-in");
    }

    /// <summary>303: after a form POST the browser GETs the next page, so a reload never posts the key again.</summary>
    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private static IResult Page(HttpContext http, string name)
    {
        Harden(http.Response);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(Assets.GetFileInfo(name).CreateReadStream(), "text/html; charset=utf-8");
    }

    private static void Harden(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private sealed record SeeOtherResult(string Location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = Location;
            return Task.CompletedTask;
        }
    }
}

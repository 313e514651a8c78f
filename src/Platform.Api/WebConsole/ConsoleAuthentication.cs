using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Api.Admin;

namespace Platform.Api.WebConsole;

/// <summary>
/// The console's sign-in cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, protected by Data Protection (whose key
/// ring is in the database, so every instance on it reads the cookie). It names a <c>console_sessions</c> row, checked on
/// every request, so signing out ends it everywhere. The cookie also carries the session's antiforgery token, which
/// the console's script reads from <c>GET /console/session</c> and sends back on every write (<see cref="RequireAntiforgeryToken"/>).
/// </summary>
public static class ConsoleAuthentication
{
    public const string SchemeName = "ConsoleCookie";
    public const string CookieName = "platform_console";
    public const string AntiforgeryHeader = "X-Console-Antiforgery";
    private const string SessionClaim = "console_session";
    private const string AntiforgeryClaim = "console_antiforgery";

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(SchemeName, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = false;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async context =>
                {
                    var id = context.Principal?.FindFirstValue(SessionClaim);
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<ConsoleSessionStore>();
                    if (id is not null && await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted)) return;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(SchemeName);
                },
                // Never a redirect to a login path: the admin API answers a problem; the console page checks for itself.
                OnRedirectToLogin = context => AdminProblems.WriteAsync(context.HttpContext, 401, SignInAgain),
                OnRedirectToAccessDenied = context => AdminProblems.WriteAsync(context.HttpContext, 403, SignInAgain),
            };
        });

    private const string SignInAgain = "The console session has ended: sign in again at /console, or send 'Authorization: Bearer <admin API key>'.";

    public static async Task SignInAsync(HttpContext http, ConsoleSession session)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin"), new Claim(SessionClaim, session.Id),
            new Claim(AntiforgeryClaim, session.AntiforgeryToken)], SchemeName);
        await http.SignInAsync(SchemeName, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.ExpiresAt, AllowRefresh = false });
    }

    /// <summary>The console session of a signed-in request (null for a request with the admin key).</summary>
    public static (string Id, string AntiforgeryToken)? SessionOf(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == SchemeName && user.FindFirstValue(SessionClaim) is { } id && user.FindFirstValue(AntiforgeryClaim) is { } token
            ? (id, token)
            : null;

    /// <summary>
    /// Middleware after authorization: a write made with the console cookie must echo the session's antiforgery token
    /// in <see cref="AntiforgeryHeader"/>. A page of another site can make a browser send the cookie (SameSite=Strict
    /// already stops most), never read the token. Calls with the admin key need none: a browser never adds that header.
    /// </summary>
    public static async Task RequireAntiforgeryToken(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || SessionOf(http.User) is not { } session)
        {
            await next(http);
            return;
        }
        var sent = Encoding.UTF8.GetBytes(http.Request.Headers[AntiforgeryHeader].ToString());
        if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(sent), SHA256.HashData(Encoding.UTF8.GetBytes(session.AntiforgeryToken))))
        {
            await next(http);
            return;
        }
        await AdminProblems.WriteAsync(http, 403,
            $"A change made with the console's sign-in needs the session's antiforgery token in {AntiforgeryHeader} (GET /console/session gives it).");
    }
}

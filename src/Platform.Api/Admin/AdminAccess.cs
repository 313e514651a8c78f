using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Platform.Api.WebConsole;

namespace Platform.Api.Admin;

/// <summary>
/// Who may use the admin API, the job dashboard and <c>/metrics</c>: a script with the admin key
/// (<c>Authorization: Bearer</c>, <see cref="AdminKeyAuthentication"/>), or a browser signed in to the console (its
/// cookie, <see cref="ConsoleAuthentication"/>). One policy scheme picks between them per request: the key when an
/// Authorization header is sent, the cookie when only the cookie is; a refusal is the key scheme's problem 401.
/// </summary>
public static class AdminAccess
{
    public const string SchemeName = "AdminAccess";
    public const string Policy = "Admin";

    public static AuthenticationBuilder AddAdminAccess(this AuthenticationBuilder authentication)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, AdminKeyAuthentication>(AdminKeyAuthentication.SchemeName, null);
        authentication.AddConsoleCookie();
        return authentication.AddPolicyScheme(SchemeName, "Admin key or console sign-in", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(ConsoleAuthentication.CookieName)
                ? ConsoleAuthentication.SchemeName
                : AdminKeyAuthentication.SchemeName);
    }

    public static void AddPolicy(AuthorizationOptions authorization) =>
        authorization.AddPolicy(Policy, p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser());
}

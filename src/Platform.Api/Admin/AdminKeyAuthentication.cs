using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Security;

namespace Platform.Api.Admin;

/// <summary>
/// The admin API key scheme: <c>Authorization: Bearer &lt;Admin:ApiKey&gt;</c>, compared in constant time. A refusal
/// is a problem-details 401 saying what to send. The <c>/admin</c> route group requires it or the console's cookie
/// (<see cref="AdminAccess"/>).
/// </summary>
public sealed class AdminKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, AdminKey key)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "AdminKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(key.Accepts(Request.Headers.Authorization)
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], SchemeName)), SchemeName))
            : AuthenticateResult.Fail("Send 'Authorization: Bearer <admin API key>' (Admin:ApiKey)."));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AdminProblems.WriteAsync(Context, 401, "Send 'Authorization: Bearer <admin API key>' (Admin:ApiKey).");
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Admin;

/// <summary>The console's sign-in with the admin key: the cookie, what it opens, antiforgery on writes, sign-out.</summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private readonly PlatformFactory _platform = new(settings: new Dictionary<string, string> { ["Console:SessionHours"] = "2" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    /// <summary>A browser-like client that neither follows redirects nor keeps cookies: each test sends the cookie it means to.</summary>
    private HttpClient Browser(string baseAddress = "http://localhost") =>
        _platform.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string key) =>
        browser.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("api_key", key)]), Ct);

    private static string SetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("\n", values) : "";

    private async Task<string> SignedInCookie()
    {
        var response = await SignIn(Browser(), PlatformFactory.AdminKey);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return SetCookie(response).Split(';')[0];
    }

    private static HttpRequestMessage With(string cookie, HttpMethod method, string path, object? body = null, string? antiforgery = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        if (antiforgery is not null) request.Headers.Add("X-Console-Antiforgery", antiforgery);
        return request;
    }

    [Fact]
    public async Task Sign_in_answers_303_with_an_HttpOnly_SameSite_Strict_cookie_for_the_session_hours()
    {
        var response = await SignIn(Browser(), PlatformFactory.AdminKey);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location?.OriginalString);
        var cookie = SetCookie(response).ToLowerInvariant();
        Assert.StartsWith("platform_console=", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie);
        var expires = DateTimeOffset.Parse(cookie.Split("expires=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2.1));
    }

    [Fact]
    public async Task Over_HTTPS_the_cookie_is_Secure()
    {
        var response = await SignIn(Browser("https://localhost"), PlatformFactory.AdminKey);
        Assert.Contains("secure", SetCookie(response).ToLowerInvariant());
    }

    [Fact]
    public async Task A_wrong_key_gets_no_cookie_and_back_to_the_form()
    {
        var response = await SignIn(Browser(), "not-the-key");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/sign-in?failed=1", response.Headers.Location?.OriginalString);
        Assert.Equal("", SetCookie(response));
        var form = await Browser().GetStringAsync("/console/sign-in", Ct);
        Assert.Contains("name=\"api_key\"", form);
    }

    [Fact]
    public async Task The_cookie_opens_the_console_the_dashboard_and_admin_reads()
    {
        var cookie = await SignedInCookie();
        var browser = Browser();

        var console = await browser.SendAsync(With(cookie, HttpMethod.Get, "/console"), Ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("<html", await console.Content.ReadAsStringAsync(Ct));
        Assert.Contains("frame-ancestors 'none'", console.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/hangfire"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/admin/parties"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/console/assets/app.js"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_everything_is_refused()
    {
        var browser = Browser();
        var console = await browser.GetAsync("/console", Ct);
        Assert.Equal(HttpStatusCode.SeeOther, console.StatusCode);
        Assert.Equal("/console/sign-in", console.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/parties", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/console/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/console/sign-out", null, Ct)).StatusCode);
        var forged = await browser.SendAsync(With("platform_console=forged", HttpMethod.Get, "/admin/parties"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_write_with_the_cookie_needs_the_session_antiforgery_token()
    {
        var cookie = await SignedInCookie();
        var browser = Browser();
        var party = new { country_code = "NL", party_id = "CON", roles = new[] { "CPO" }, name = "Console" };

        var refused = await browser.SendAsync(With(cookie, HttpMethod.Post, "/admin/parties", party), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var wrong = await browser.SendAsync(With(cookie, HttpMethod.Post, "/admin/parties", party, antiforgery: "guess"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Empty(JsonNode.Parse(await _platform.CreateAdminClient().GetStringAsync("/admin/parties", Ct))!.AsArray());

        var session = JsonNode.Parse(await (await browser.SendAsync(With(cookie, HttpMethod.Get, "/console/session"), Ct)).Content.ReadAsStringAsync(Ct))!;
        var token = (string)session["antiforgery_token"]!;
        var created = await browser.SendAsync(With(cookie, HttpMethod.Post, "/admin/parties", party, antiforgery: token), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Scripts keep the Bearer key and need no token.
        var script = await _platform.CreateAdminClient().PatchAsJsonAsync("/admin/parties/NL/CON", new { name = "Renamed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task After_sign_out_the_same_cookie_is_refused_everywhere()
    {
        var cookie = await SignedInCookie();
        var browser = Browser();
        var token = (string)JsonNode.Parse(await (await browser.SendAsync(With(cookie, HttpMethod.Get, "/console/session"), Ct))
            .Content.ReadAsStringAsync(Ct))!["antiforgery_token"]!;

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(With(cookie, HttpMethod.Post, "/console/sign-out"), Ct)).StatusCode);
        var signOut = await browser.SendAsync(With(cookie, HttpMethod.Post, "/console/sign-out", antiforgery: token), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.Contains("platform_console=;", SetCookie(signOut));

        // A copy of the old cookie no longer works: the session row has ended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/admin/parties"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/hangfire"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SendAsync(With(cookie, HttpMethod.Get, "/console"), Ct)).StatusCode);
    }
}

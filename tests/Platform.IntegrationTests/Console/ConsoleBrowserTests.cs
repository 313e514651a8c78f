using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Platform.IntegrationTests.Console;

/// <summary>
/// The console in a real browser (Playwright driving Debian's Chromium) against two platforms on real ports: what a
/// back-office person does, checked by what the page shows. Waits are Playwright's own (Expect retries until the page
/// shows the state); the console's lists refresh themselves, so state that arrives later appears without a reload.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static ILocator Row(IPage page, string text) => page.Locator("tr", new() { HasText = text });

    [Fact]
    public Task Signing_in_and_creating_a_sub_operator_party() => browser.RunAsync(nameof(Signing_in_and_creating_a_sub_operator_party), async () =>
    {
        var page = await browser.OpenAsync(browser.Cpo);
        await page.GotoAsync("/console");
        await page.Locator("input[name=api_key]").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("That key was not accepted")).ToBeVisibleAsync();

        page = await browser.SignedInAsync(browser.Cpo);
        var form = page.Locator("#create-party");
        await form.Locator("input[name=country_code]").FillAsync("NL");
        await form.Locator("input[name=party_id]").FillAsync("SUB");
        await form.Locator("input[name=name]").FillAsync("Sub operator");
        await form.Locator("select[name=parent]").SelectOptionAsync("NL*CPO");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create party" }).ClickAsync();

        await Expect(page.GetByText("Party created.")).ToBeVisibleAsync();
        await Expect(Row(page, "NL*SUB")).ToContainTextAsync("NL*CPO");
        await Expect(Row(page, "NL*SUB")).ToContainTextAsync("Sub operator");
    });

    [Fact]
    public Task Inviting_and_registering_a_second_instance_through_the_console() =>
        browser.RunAsync(nameof(Inviting_and_registering_a_second_instance_through_the_console), async () =>
        {
            await browser.Cpo.CreatePartyAsync("NL", "CP2", "CPO");
            await browser.Emsp.CreatePartyAsync("DE", "MS2", "EMSP");

            var cpo = await browser.SignedInAsync(browser.Cpo);
            await cpo.GetByRole(AriaRole.Link, new() { Name = "Connections" }).ClickAsync();
            var invite = cpo.Locator("#invite");
            await invite.Locator("input[name=name]").FillAsync("Partner MS2");
            await invite.GetByLabel("NL*CP2").CheckAsync();
            await invite.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
            await Expect(cpo.Locator("#invitation")).ToContainTextAsync("Shown once");
            var versionsUrl = await cpo.Locator("#invitation-versions-url").InnerTextAsync();
            var token = await cpo.Locator("#invitation-token").InnerTextAsync();

            var emsp = await browser.SignedInAsync(browser.Emsp);
            await emsp.GetByRole(AriaRole.Link, new() { Name = "Connections" }).ClickAsync();
            var connect = emsp.Locator("#connect");
            await connect.Locator("input[name=name]").FillAsync("CPO platform");
            await connect.Locator("input[name=versions_url]").FillAsync(versionsUrl);
            await connect.Locator("input[name=token]").FillAsync(token);
            await connect.GetByLabel("DE*MS2").CheckAsync();
            await connect.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

            await Expect(emsp.GetByText("Registered with the peer.")).ToBeVisibleAsync();
            await Expect(Row(emsp, "CPO platform")).ToContainTextAsync("registered");
            await Expect(Row(emsp, "CPO platform")).ToContainTextAsync("NL*CP2");
            // The inviting side sees its pending invitation turn into a registered connection on its own.
            await Expect(Row(cpo, "Partner MS2")).ToContainTextAsync("registered");
            Directory.CreateDirectory(ConsoleBrowser.ArtifactsFolder);
            await cpo.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ArtifactsFolder, "connections.png") });
        });

    [Fact]
    public Task A_pushed_location_arrives_and_its_EVSE_status_change_follows() =>
        browser.RunAsync(nameof(A_pushed_location_arrives_and_its_EVSE_status_change_follows), async () =>
        {
            await browser.ConnectedAsync();
            var cpo = await browser.SignedInAsync(browser.Cpo);
            await cpo.GotoAsync("/console#/parties/NL/CPO/cpo/locations");
            await cpo.Locator("summary", new() { HasText = "Publish a location" }).ClickAsync();
            await cpo.GetByRole(AriaRole.Button, new() { Name = "Publish (PUT)" }).ClickAsync();
            await Expect(Row(cpo, "LOC1")).ToContainTextAsync("AVAILABLE");

            var emsp = await browser.SignedInAsync(browser.Emsp);
            await emsp.GotoAsync("/console#/parties/DE/MSP/emsp/locations");
            await Expect(Row(emsp, "LOC1")).ToContainTextAsync("AVAILABLE");

            await Row(cpo, "LOC1").GetByLabel("Status of EVSE1").SelectOptionAsync("CHARGING");
            await Row(cpo, "LOC1").GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
            await Expect(cpo.GetByText("EVSE EVSE1 set to CHARGING.")).ToBeVisibleAsync();
            await Expect(Row(emsp, "LOC1")).ToContainTextAsync("CHARGING");
            Directory.CreateDirectory(ConsoleBrowser.ArtifactsFolder);
            await emsp.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ArtifactsFolder, "received-locations.png") });
        });

    [Fact]
    public Task A_failed_delivery_is_retried_from_the_console() => browser.RunAsync(nameof(A_failed_delivery_is_retried_from_the_console), async () =>
    {
        await browser.ConnectedAsync();
        browser.Cpo.Configure("Deliveries:MaxAttempts", "1");
        try
        {
            await browser.Emsp.StopAsync();
            await browser.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC-FAIL", "EVSE1"));

            var cpo = await browser.SignedInAsync(browser.Cpo);
            await cpo.GetByRole(AriaRole.Link, new() { Name = "Deliveries" }).ClickAsync();
            await cpo.GetByLabel("State").SelectOptionAsync("failed");
            await Expect(Row(cpo, "LOC-FAIL")).ToContainTextAsync("failed");

            await browser.Emsp.RestartAsync();
            await Row(cpo, "LOC-FAIL").GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            await Expect(cpo.GetByText("will be sent again")).ToBeVisibleAsync();
            await cpo.GetByLabel("State").SelectOptionAsync("delivered");
            await Expect(Row(cpo, "LOC-FAIL")).ToContainTextAsync("delivered");
        }
        finally
        {
            browser.Cpo.Configure("Deliveries:MaxAttempts", "15");
            await browser.Emsp.RestartAsync();
        }
    });

    [Fact]
    public Task Sending_START_SESSION_shows_the_result_when_it_arrives() =>
        browser.RunAsync(nameof(Sending_START_SESSION_shows_the_result_when_it_arrives), async () =>
        {
            await browser.ConnectedAsync();
            await browser.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC-CMD", "EVSE1"));

            var emsp = await browser.SignedInAsync(browser.Emsp);
            await emsp.GotoAsync("/console#/parties/DE/MSP/emsp/commands");
            var send = emsp.Locator("#send-command");
            await send.GetByLabel("Command", new() { Exact = true }).SelectOptionAsync("START_SESSION");
            await send.GetByLabel("CPO", new() { Exact = true }).FillAsync("NL*CPO");
            var body = JsonNode.Parse(await send.GetByLabel("Command body").InputValueAsync())!;
            body["location_id"] = "LOC-CMD";
            await send.GetByLabel("Command body").FillAsync(body.ToJsonString());
            await send.GetByRole(AriaRole.Button, new() { Name = "Send command" }).ClickAsync();

            await Expect(emsp.GetByText("Command sent")).ToBeVisibleAsync();
            var row = Row(emsp, "START_SESSION");
            await Expect(row.Locator(".command-state")).ToHaveTextAsync("result_received");
            await Expect(row).ToContainTextAsync("ACCEPTED");
        });

    [Fact]
    public Task A_connection_page_shows_endpoints_and_audit_and_suspends_after_a_confirmation() =>
        browser.RunAsync(nameof(A_connection_page_shows_endpoints_and_audit_and_suspends_after_a_confirmation), async () =>
        {
            var link = await browser.ConnectedAsync();
            var cpo = await browser.SignedInAsync(browser.Cpo);
            await cpo.GotoAsync($"/console#/connections/{link.ServerConnectionId}");
            await Expect(cpo.GetByRole(AriaRole.Heading, new() { Name = "Endpoints" })).ToBeVisibleAsync();
            await Expect(cpo.Locator("table").First).ToContainTextAsync("credentials");
            await Expect(cpo.GetByText("invitation created")).ToBeVisibleAsync();

            await cpo.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
            await Expect(cpo.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("suspended");
            await cpo.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(cpo.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("registered");
        });

    [Fact]
    public Task A_probe_run_from_the_connection_page_shows_its_report_and_downloads_it_as_json() =>
        browser.RunAsync(nameof(A_probe_run_from_the_connection_page_shows_its_report_and_downloads_it_as_json), async () =>
        {
            var link = await browser.ConnectedAsync();
            var cpo = await browser.SignedInAsync(browser.Cpo);
            await cpo.GotoAsync($"/console#/connections/{link.ServerConnectionId}");
            var run = cpo.Locator("#run-probe");
            await run.GetByLabel("locations").CheckAsync();
            await run.GetByRole(AriaRole.Button, new() { Name = "Run probe" }).ClickAsync();
            await Expect(cpo.GetByText("Probe started (read-only: locations).")).ToBeVisibleAsync();

            var report = cpo.Locator("#probe-report");
            await Expect(report.GetByRole(AriaRole.Heading)).ToContainTextAsync("done");
            await Expect(report.GetByRole(AriaRole.Heading)).ToContainTextAsync("0 fail");
            await Expect(Row(cpo, "versions: list well-formed")).ToContainTextAsync("pass");
            await Expect(Row(cpo, "writes: PUT, read back")).ToContainTextAsync("writes not requested");
            await Expect(report.Locator("tr", new() { HasText = "tokens:" })).ToHaveCountAsync(0);
            await Row(cpo, "versions: list well-formed").GetByText("Response").ClickAsync();
            await Expect(Row(cpo, "versions: list well-formed").Locator("pre").Last).ToContainTextAsync("2.2.1");
            await Expect(cpo.Locator("#probes tr", new() { HasText = "done" })).ToContainTextAsync("0 fail");
            Directory.CreateDirectory(ConsoleBrowser.ArtifactsFolder);
            await cpo.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ArtifactsFolder, "probe-report.png"), FullPage = true });

            var download = await cpo.RunAndWaitForDownloadAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "Download JSON" }).ClickAsync());
            var json = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken))!;
            Assert.Equal("done", (string?)json["state"]);
            Assert.Equal(0, (int)json["summary"]!["fail"]!);
            Assert.Contains(json["checks"]!.AsArray(), c => (string?)c!["name"] == "versions: list well-formed" && (string?)c["result"] == "pass");
            Assert.EndsWith($"-{(string?)json["id"]}.json", download.SuggestedFilename, StringComparison.Ordinal);
        });

    [Fact]
    public Task After_signing_out_the_console_and_the_admin_api_refuse_the_old_cookie() =>
        browser.RunAsync(nameof(After_signing_out_the_console_and_the_admin_api_refuse_the_old_cookie), async () =>
        {
            var page = await browser.SignedInAsync(browser.Cpo);
            var cookies = await page.Context.CookiesAsync();
            Assert.Contains(cookies, c => c is { Name: "platform_console", HttpOnly: true, SameSite: SameSiteAttribute.Strict });
            Assert.Equal(200, (await page.APIRequest.GetAsync("/admin/parties")).Status);

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.Locator("input[name=api_key]")).ToBeVisibleAsync();

            // Even a copy of the old cookie is refused: the session ended on the server.
            await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
            Assert.Equal(401, (await page.APIRequest.GetAsync("/admin/parties")).Status);
            await page.GotoAsync("/console");
            await Expect(page.Locator("input[name=api_key]")).ToBeVisibleAsync();
        });
}

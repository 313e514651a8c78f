using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Console;

/// <summary>
/// Two platforms on real ports (a CPO side hosting NL*CPO, an eMSP side hosting DE*MSP) and Debian's Chromium driven
/// by Playwright, shared by the console's browser tests. Playwright never downloads a browser here: it starts
/// <see cref="ChromiumPath"/>, and the tests skip, saying why, where that is missing (<c>.ci/run</c> installs it).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public PlatformInstance Cpo { get; private set; } = null!;
    public PlatformInstance Emsp { get; private set; } = null!;

    /// <summary>Failure screenshots land here (the test output folder), named after the test.</summary>
    public static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    public static bool Available => File.Exists(ChromiumPath);

    public async ValueTask InitializeAsync()
    {
        if (!Available) return;
        Cpo = await PlatformInstance.StartAsync();
        Emsp = await PlatformInstance.StartAsync();
        await Cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        _playwright = await Playwright.CreateAsync();
        // Expect waits for state the platform reaches in its own time (a push that fails through the peer client's own
        // retries, a command result): the wait is for that state, up to this limit, never a fixed pause.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps calling Google's hosts, which a closed network refuses.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private Link? _link;

    /// <summary>NL*CPO and DE*MSP connected through the admin APIs, once, for the tests that need data to flow.</summary>
    public async Task<Link> ConnectedAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            return _link ??= await PlatformInstance.ConnectAsync(Cpo, ["NL*CPO"], Emsp, ["DE*MSP"]);
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>A fresh browser context (no cookies) on the console of <paramref name="instance"/>.</summary>
    public async Task<IPage> OpenAsync(PlatformInstance instance)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instance.Url, ViewportSize = new() { Width = 1360, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        // Dangerous actions ask window.confirm; the tests mean them.
        context.Page += (_, page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return await context.NewPageAsync();
    }

    /// <summary>Signs in with the admin key through the form and waits for the console.</summary>
    public async Task<IPage> SignedInAsync(PlatformInstance instance)
    {
        var page = await OpenAsync(instance);
        await page.GotoAsync("/console");
        await page.Locator("input[name=api_key]").FillAsync(PlatformFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Parties", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Runs a browser test; on failure keeps a screenshot of every open page as a test artifact.</summary>
    public async Task RunAsync(string name, Func<Task> test)
    {
        Assert.SkipUnless(Available, $"Chromium is not installed at {ChromiumPath} (Debian package 'chromium'; .ci/run installs it)");
        try
        {
            await test();
        }
        catch
        {
            Directory.CreateDirectory(ArtifactsFolder);
            var pages = Browser.Contexts.SelectMany(c => c.Pages).ToList();
            for (var i = 0; i < pages.Count; i++)
            {
                var file = Path.Combine(ArtifactsFolder, $"{name}-{i}.png");
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                TestContext.Current.AddAttachment($"{name}-{i}.png", await File.ReadAllBytesAsync(file), "image/png");
            }
            throw;
        }
        finally
        {
            foreach (var context in Browser.Contexts.ToList()) await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _connecting.Dispose();
        if (Cpo is not null) await Cpo.DisposeAsync();
        if (Emsp is not null) await Emsp.DisposeAsync();
    }
}

using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders.Physical;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Foundation;

/// <summary>Start-up, health, the operator surfaces and a restart on the same database.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task Starts_migrates_reports_ready_and_restarts_without_migrating_again()
    {
        var ct = TestContext.Current.CancellationToken;
        string folder;
        await using (var first = new PlatformFactory())
        {
            folder = first.Folder;
            var http = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", ct)).StatusCode);
            Assert.True(File.Exists(first.DatabaseFile));
            Assert.Contains(first.Log.Lines, l => l.Contains("Applied schema script") && l.Contains("0001_foundation.sql"));
        }
        await using var second = new PlatformFactory(folder);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health/ready", ct)).StatusCode);
        Assert.DoesNotContain(second.Log.Lines, l => l.Contains("Applied schema script"));
        await using var db = new SqliteConnection($"Data Source={second.DatabaseFile}");
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_journal WHERE script_name = '0001_foundation.sql'"));
        Assert.Equal("wal", await db.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Theory]
    [InlineData("Deliveries:MaxAttempts", "0")]
    [InlineData("Deliveries:PollSeconds", "-1")]
    [InlineData("Commands:ResultTimeoutSeconds", "0")]
    [InlineData("Cdrs:AuditTolerance", "-0.01")]
    [InlineData("ChargingProfiles:MaxRequestsPerSessionPerMinute", "0")]
    public async Task A_setting_out_of_range_stops_start_up_with_a_message_naming_its_key(string key, string value)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = Platform.Api.PlatformApp.Build(Platform.Api.PlatformApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Platform=Data Source={Path.Combine(folder, "platform.db")}", $"--{key}={value}"]));
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(key, refused.Message);
    }

    [Fact]
    public async Task A_changed_settings_file_is_read_again_by_polling_it_not_by_watching_the_folder_the_database_is_written_in()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var settings = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "Probe": { "Value": "one" } }""", TestContext.Current.CancellationToken);
        await using var app = Platform.Api.PlatformApp.Build(Platform.Api.PlatformApp.CreateBuilder(
            ["--contentRoot", folder, "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Platform=Data Source={Path.Combine(folder, "data", "platform.db")}"]));
        Assert.Equal("one", app.Configuration["Probe:Value"]);

        // A watcher of the content root would wake for every write of the database under it.
        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        // What a provider hands out to watch a file says how it watches: with a polling token among its parts, or only
        // one that a watcher of the whole root cancels.
        static bool Polled(Microsoft.Extensions.Primitives.IChangeToken token) =>
            token is Microsoft.Extensions.Primitives.CompositeChangeToken { ChangeTokens: var parts } && parts.Any(p => p is PollingFileChangeToken);
        Assert.All(files, f => Assert.True(Polled(f.Source.FileProvider!.Watch(f.Source.Path!)), $"{f.Source.Path} is watched, not polled"));
        Assert.True(Polled(app.Environment.ContentRootFileProvider.Watch("appsettings.json")), "the content root is watched, not polled");

        await File.WriteAllTextAsync(settings, """{ "Probe": { "Value": "two" } }""", TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(settings, DateTime.UtcNow.AddSeconds(2));
        await Scenario.Eventually(() => Task.FromResult(app.Configuration["Probe:Value"] == "two"), "the changed setting is read again");
    }

    [Fact]
    public async Task A_line_break_in_the_request_path_cannot_forge_a_log_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = new PlatformFactory();
        await platform.CreateClient().GetAsync("/ocpi/versions%0A%5B17:00:00%20ERR%5D%20FORGED", ct);
        // The request log line ("HTTP {RequestMethod} {RequestPath} responded …") is where a path reaches the message itself.
        await Scenario.Eventually(() => Task.FromResult(platform.Log.Lines.Any(l => l.Contains("responded", StringComparison.Ordinal)
            && l.Contains("FORGED", StringComparison.Ordinal))), "the request is logged by the host's logger");
        Assert.DoesNotContain(platform.Log.Lines, l => l.Contains("\n[17:00:00 ERR] FORGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_is_served_and_the_dashboard_needs_the_admin_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = new PlatformFactory();
        var anonymous = platform.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.CreateAdminClient().GetAsync("/hangfire", ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_api_refuses_a_missing_or_wrong_key_with_problem_details()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = new PlatformFactory();
        var http = platform.CreateClient();
        var response = await http.GetAsync("/admin/parties", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "wrong-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin/parties", ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_next_to_the_database_and_never_logged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = new PlatformFactory(adminKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.CreateClient().GetAsync("/admin/parties", ct)).StatusCode);
        var keyFile = Path.Combine(platform.Folder, "admin-api-key.txt");
        Assert.True(File.Exists(keyFile));
        var key = (await File.ReadAllTextAsync(keyFile, ct)).Trim();
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain(key, platform.Log.Text);
        Assert.Contains(keyFile, platform.Log.Text);
    }
}

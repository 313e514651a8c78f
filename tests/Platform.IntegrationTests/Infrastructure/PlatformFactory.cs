using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// One platform through the real ASP.NET pipeline (WebApplicationFactory) on its own SQLite file, with the
/// log captured. Give two factories the same folder to restart "the same installation".
/// </summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly string? _adminKey;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="folder">The installation folder (database, key file); a new temporary one when null.</param>
    /// <param name="adminKey">Admin:ApiKey; null leaves it unset so the platform makes its own.</param>
    /// <param name="settings">More configuration, applied last.</param>
    public PlatformFactory(string? folder = null, string? adminKey = AdminKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        _adminKey = adminKey;
        _settings = settings ?? new Dictionary<string, string>();
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabaseFile => Path.Combine(Folder, "platform.db");

    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Platform", $"Data Source={DatabaseFile}");
        if (_adminKey is not null) builder.UseSetting("Admin:ApiKey", _adminKey);
        builder.UseSetting("Platform:PublicUrl", "http://localhost");
        builder.UseSetting("Serilog:WriteTo:0:Name", "Console");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Log));
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }
}

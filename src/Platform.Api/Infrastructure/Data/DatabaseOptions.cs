using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Platform</c> (ADMIN-API.md, configuration).</summary>
public sealed class DatabaseOptions
{
    public const string DefaultConnectionString = "Data Source=data/platform.db";

    public DatabaseOptions() { }

    public DatabaseOptions(DatabaseProvider provider, string connectionString) => (Provider, ConnectionString) = (provider, connectionString);

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// <c>Database:ObjectCacheMegabytes</c>: memory for OCPI objects read or written by key lately (SQLite only,
    /// <see cref="Objects.ObjectCache"/>); 0 turns the cache off.
    /// </summary>
    /// <remarks>
    /// 32 by default, not more: server GC keeps about twice the live heap committed, so each cached megabyte costs the
    /// process two to three of resident memory. At 64, a platform holding 1,000,000 locations peaked at 457 MB (benchmark
    /// P5, target 400); at 32, at 338 MB, receiving PATCHes as fast. A hot set of a few thousand large locations, or tens
    /// of thousands of small ones, still fits.
    /// </remarks>
    public int ObjectCacheMegabytes { get; set; } = 32;
}

public static class DatabaseOptionsSetup
{
    /// <summary>
    /// Read when first resolved, not at registration: test hosts add their settings at Build(). A provider that is not
    /// one of ours fails the binding with the key named; SQL Server without a connection string stops start-up.
    /// </summary>
    public static IServiceCollection AddDatabaseOptions(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration("Database")
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString("Platform") is { Length: > 0 } configured ? configured
                    : options.Provider == DatabaseProvider.Sqlite ? DatabaseOptions.DefaultConnectionString : "")
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                "ConnectionStrings:Platform is required when Database:Provider is SqlServer")
            .Validate(options => options.ObjectCacheMegabytes >= 0, "Database:ObjectCacheMegabytes must be 0 (off) or more")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        return services;
    }
}

namespace Platform.Api.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Platform</c> (ADMIN-API.md, configuration).</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultConnectionString = "Data Source=data/platform.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider '{providerText}' is not supported; use Sqlite or SqlServer");
        var connectionString = configuration.GetConnectionString("Platform");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
                throw new InvalidOperationException("ConnectionStrings:Platform is required when Database:Provider is SqlServer");
            connectionString = DefaultConnectionString;
        }
        return new DatabaseOptions(provider, connectionString);
    }
}

using Platform.Api.Infrastructure.Data;
using Testcontainers.MsSql;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// The same store tests on a real SQL Server 2022 in a container. Where no Docker engine answers (the build
/// machines have none), every test skips and says so; where one does, they must pass.
/// </summary>
public sealed class SqlServerStoreTests : StoreTests
{
    private MsSqlContainer? _container;

    protected override async Task<(DatabaseOptions? Options, string? SkipReason)> CreateDatabaseAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await _container.StartAsync(TestContext.Current.CancellationToken);
            return (new DatabaseOptions(DatabaseProvider.SqlServer, _container.GetConnectionString()), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"SQL Server tests need a Docker engine, and none answered here ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
        }
    }

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}

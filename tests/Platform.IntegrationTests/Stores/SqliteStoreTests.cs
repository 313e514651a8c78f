using Platform.Api.Infrastructure.Data;

namespace Platform.IntegrationTests.Stores;

public sealed class SqliteStoreTests : StoreTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"), "store.db");

    protected override Task<(DatabaseOptions? Options, string? SkipReason)> CreateDatabaseAsync() =>
        Task.FromResult<(DatabaseOptions?, string?)>((new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"), null));
}

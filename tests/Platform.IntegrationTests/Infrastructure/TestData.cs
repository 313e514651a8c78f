using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Tenancy;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Rows a test needs before the admin API can make them (foundation tests run before tenancy exists).</summary>
public static class TestData
{
    public static async Task<string> IssueTokenAsync(IServiceProvider services, CredentialsTokenKind kind, DateTime? expiresAt = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var connection = await db.ConnectionAsync();
        var id = Guid.NewGuid().ToString();
        await connection.ExecuteAsync("""
            INSERT INTO connections (id, name, kind, state, initiated_by, created_at, updated_at)
            VALUES (@Id, 'test', 'remote', 'pending', 'them', @Now, @Now)
            """, new { Id = id, Now = DateTime.UtcNow });
        return await scope.ServiceProvider.GetRequiredService<CredentialsTokens>().IssueAsync(id, kind, expiresAt, default);
    }
}

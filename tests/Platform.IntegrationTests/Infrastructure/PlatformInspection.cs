using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Tenancy;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>What a scenario test reads behind a platform's back: its database, the tokens it holds, its admin view.</summary>
public static class PlatformInspection
{
    /// <summary>GET /admin/connections/{id} (with the audit trail).</summary>
    public static async Task<JsonObject> ConnectionAsync(this PlatformInstance instance, string connectionId) =>
        JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/connections/{connectionId}"))!.AsObject();

    /// <summary>The token this platform holds to call the peer of the connection (decrypted); null when it holds none.</summary>
    public static async Task<string?> HeldTokenAsync(this PlatformInstance instance, string connectionId)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        var stored = await db.QuerySingleOrDefaultAsync<string?>("SELECT outbound_token FROM connections WHERE id = @Id", new { Id = connectionId });
        return stored is null ? null : instance.Services.GetRequiredService<OutboundTokens>().Unprotect(stored);
    }

    /// <summary>A statement run on the platform's database behind its back, e.g. a trigger that makes one of its stores fail.</summary>
    public static async Task ExecuteSqlAsync(this PlatformInstance instance, string sql, object? parameters = null)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        await db.ExecuteAsync(sql, parameters);
    }

    /// <summary>One value read from the platform's database; default when no row has it.</summary>
    public static async Task<T?> ScalarAsync<T>(this PlatformInstance instance, string sql, object? parameters = null)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        return await db.ExecuteScalarAsync<T?>(sql, parameters);
    }

    /// <summary>Makes every token of the connection expired a minute ago.</summary>
    public static async Task ExpireTokensAsync(this PlatformInstance instance, string connectionId)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        await db.ExecuteAsync("UPDATE credentials_tokens SET expires_at = @Past WHERE connection_id = @Id",
            new { Past = UtcDateTimeHandler.ToSqlite(DateTime.UtcNow.AddMinutes(-1)), Id = connectionId });
    }

    /// <summary>
    /// <c>SELECT *</c> of every table, one line per row: text as is, blobs both as UTF-8 and as Base64, so that a
    /// token stored in any column shows up in the text.
    /// </summary>
    public static async Task<string> DumpDatabaseAsync(this PlatformInstance instance)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        await db.OpenAsync();
        var tables = (await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).ToList();
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(' ').Append(reader.GetName(i)).Append('=');
                    var value = reader.GetValue(i);
                    dump.Append(value switch
                    {
                        byte[] bytes => Encoding.UTF8.GetString(bytes) + " " + Convert.ToBase64String(bytes),
                        DBNull => "null",
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    });
                }
                dump.Append('\n');
            }
        }
        return dump.ToString();
    }

    /// <summary>A token in the forms it could leak in: as is, and Base64 as in an Authorization header.</summary>
    public static IEnumerable<string> Forms(string token) => [token, Convert.ToBase64String(Encoding.UTF8.GetBytes(token))];
}

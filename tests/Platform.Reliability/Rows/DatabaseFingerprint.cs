using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Platform.Reliability.Rows;

/// <summary>Row count and a SHA-256 over every row of every table of a SQLite file: two equal fingerprints, an unchanged database.</summary>
public static class DatabaseFingerprint
{
    public static async Task<IReadOnlyDictionary<string, (long Rows, string Hash)>> TakeAsync(string file, IReadOnlySet<string>? skip = null)
    {
        await using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => skip is null || !skip.Contains(t)))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await using var select = db.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            try
            {
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync()) Hash(reader, sha, ref rows);
            }
            catch (SqliteException)
            {
                // WITHOUT ROWID tables: every column in order instead.
                select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync()) Hash(reader, sha, ref rows);
            }
            result[table] = (rows, Convert.ToHexString(sha.GetHashAndReset())[..16]);
        }
        return result;
    }

    private static void Hash(SqliteDataReader reader, IncrementalHash sha, ref long rows)
    {
        rows++;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            sha.AppendData(value is byte[] b ? b : Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "\0"));
            sha.AppendData([0x1f]);
        }
        sha.AppendData([0x1e]);
    }

    /// <summary>The tables whose count or checksum differ, as "table (rows before→after)".</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, (long Rows, string Hash)> before, IReadOnlyDictionary<string, (long Rows, string Hash)> after) =>
        before.Keys.Union(after.Keys).Where(t => !before.TryGetValue(t, out var b) || !after.TryGetValue(t, out var a) || b != a)
            .Select(t => $"{t} ({(before.TryGetValue(t, out var b) ? b.Rows : 0)}→{(after.TryGetValue(t, out var a) ? a.Rows : 0)} rows)").ToList();
}

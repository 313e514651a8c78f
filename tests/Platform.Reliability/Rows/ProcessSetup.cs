using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace Platform.Reliability.Rows;

/// <summary>What the process rows share: a data folder, a CPO node or two on one SQLite file, a recording eMSP peer registered with it.</summary>
public static class ProcessSetup
{
    public static string NewFolder(string row)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-reliability", $"{row}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Hosts NL*CPO on <paramref name="node"/> and registers <paramref name="peer"/> with it; returns the peer's token C.</summary>
    public static async Task<(string ConnectionId, string TokenC)> HostAndRegisterAsync(ChildPlatform node, RecordingPeer peer)
    {
        var party = await node.Admin.PostAsJsonAsync("/admin/parties", new { country_code = "NL", party_id = "CPO", roles = new[] { "CPO" }, name = "NL CPO" });
        if (!party.IsSuccessStatusCode) throw new InvalidOperationException("party: " + (int)party.StatusCode);
        var (id, _, c) = await Tenants.RegisterAsync(node.Url, node.Admin, peer.Fake, "NL*CPO");
        return (id, c);
    }

    /// <summary><c>PRAGMA integrity_check</c> of a SQLite file ("ok" when sound).</summary>
    public static async Task<string> IntegrityAsync(string file)
    {
        await using var db = new SqliteConnection($"Data Source={file};Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<long> ScalarAsync(string file, string sql)
    {
        await using var db = new SqliteConnection($"Data Source={file};Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

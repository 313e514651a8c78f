using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Infrastructure.Security;

/// <summary>
/// The admin API key: <c>Admin:ApiKey</c>, or else a random key made on first start and kept in a file next to
/// the database. Only the file's path is logged, never the key.
/// </summary>
public sealed class AdminKey
{
    public const string FileName = "admin-api-key.txt";

    private readonly byte[] _key;

    private AdminKey(string key) => _key = Encoding.UTF8.GetBytes(key);

    public static AdminKey Load(IConfiguration configuration, DbConnectionFactory database, ILogger logger)
    {
        var configured = configuration["Admin:ApiKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return new AdminKey(configured.Trim());

        var folder = database.SqliteFile is { } file ? Path.GetDirectoryName(file)! : Path.Combine(AppContext.BaseDirectory, "data");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogWarning("Admin:ApiKey is not set; created a random admin key in {AdminKeyFile}", path);
        }
        else
        {
            logger.LogInformation("Admin:ApiKey is not set; using the admin key kept in {AdminKeyFile}", path);
        }
        return new AdminKey(File.ReadAllText(path).Trim());
    }

    /// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> in constant time.</summary>
    public bool Accepts(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return Matches(authorizationHeader[scheme.Length..]);
    }

    /// <summary>Checks a key typed into the console's sign-in form, in constant time.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())), SHA256.HashData(_key));
}

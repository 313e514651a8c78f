using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Foundation;

/// <summary>
/// The Data Protection key ring that encrypts outbound tokens sits in the database: with DataProtection:Certificate
/// it is itself encrypted, so a copy of the database alone decrypts nothing, and the platform still reads its
/// tokens after a restart.
/// </summary>
public sealed class KeyRingProtectionTests
{
    /// <summary>A self-signed RSA certificate with its private key, in a password-protected .pfx in <paramref name="folder"/>.</summary>
    private static string CreatePfx(string folder, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Platform key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static async Task<IReadOnlyList<string>> StoredKeysAsync(PlatformInstance instance)
    {
        await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
        return (await db.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_outbound_tokens_still_decrypt_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = CreatePfx(folder, "pfx-secret");
        await using var cpo = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string>
        {
            ["DataProtection:Certificate:Path"] = pfx, ["DataProtection:Certificate:Password"] = "pfx-secret",
        }));
        await using var emsp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, ["DE*MSP"]);

        var keys = await StoredKeysAsync(cpo);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(cpo.Log.Lines, l => l.Contains("DataProtection:Certificate is not set", StringComparison.Ordinal));

        await cpo.RestartAsync();
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "AFTER-RESTART"));
        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "locations")).Contains("AFTER-RESTART"),
            "the CPO decrypts its outbound token after the restart and pushes the location");
    }

    [Fact]
    public async Task Without_a_certificate_start_up_warns_that_the_key_ring_is_stored_unencrypted()
    {
        await using var platform = await PlatformInstance.StartAsync();
        Assert.Contains(platform.Log.Lines, l => l.Contains("DataProtection:Certificate is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_setting_that_cannot_be_used_stops_start_up_with_the_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = CreatePfx(folder, "right");
        Microsoft.AspNetCore.Builder.WebApplication Build(params string[] settings) => Platform.Api.PlatformApp.Build(Platform.Api.PlatformApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Platform=Data Source={Path.Combine(folder, "platform.db")}", .. settings]));

        await using var missing = Build("--DataProtection:Certificate:Path", Path.Combine(folder, "none.pfx"));
        var noFile = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => missing.StartAsync(ct));
        Assert.Contains("DataProtection:Certificate:Path names no file", noFile.Message, StringComparison.Ordinal);

        await using var wrongPassword = Build("--DataProtection:Certificate:Path", pfx, "--DataProtection:Certificate:Password", "wrong");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => wrongPassword.StartAsync(ct));
        Assert.Contains("DataProtection:Certificate could not be loaded", refused.Message, StringComparison.Ordinal);
    }
}

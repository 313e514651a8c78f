using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Security;

public static class KeyRingProtection
{
    /// <summary>
    /// Data Protection with its key ring in the database, each key encrypted with the <c>DataProtection:Certificate</c>
    /// when one is set. <c>ProtectKeysWithCertificate</c> would need the certificate while services are registered;
    /// here it is read from the settings when they are resolved, like every other setting.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Platform");
        services.AddSettings<KeyRingOptions>("DataProtection");
        services.AddSingleton<KeyRingCertificate>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<DbConnectionFactory>());
            if (sp.GetRequiredService<KeyRingCertificate>().Certificate is { } certificate)
                o.XmlEncryptor = new KeyRingEncryptor(certificate, sp.GetRequiredService<ILoggerFactory>());
        }));
        services.AddHostedService<KeyRingCheck>();
        return services;
    }
}

/// <summary>At start-up: a certificate that is set must load (else the platform stops, naming why); none set is warned about.</summary>
internal sealed class KeyRingCheck(KeyRingCertificate keyRing, ILogger<KeyRingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keyRing.Certificate is { } certificate)
            logger.LogInformation("The Data Protection key ring is encrypted with certificate {Thumbprint}", certificate.Thumbprint);
        else
            logger.LogWarning("DataProtection:Certificate is not set: the Data Protection key ring, which encrypts the tokens we call peers with, "
                + "is stored unencrypted in the database, so a copy of the database decrypts them. Set DataProtection:Certificate:Path and "
                + ":Password (or :Thumbprint) in production");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

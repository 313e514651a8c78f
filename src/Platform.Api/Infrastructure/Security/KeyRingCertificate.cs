using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Security;

/// <summary>
/// <c>DataProtection</c> settings. The key ring that encrypts outbound tokens lives in the database
/// (<see cref="DatabaseXmlRepository"/>); without a certificate its keys are stored in plain XML, so a copy of the
/// database would decrypt every outbound token.
/// </summary>
public sealed class KeyRingOptions : IValidatableObject
{
    /// <summary>The certificate whose public key encrypts each key of the ring, and whose private key reads it back.</summary>
    public KeyRingCertificateOptions? Certificate { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Certificate is not { } c) yield break;
        var path = !string.IsNullOrWhiteSpace(c.Path);
        var thumbprint = !string.IsNullOrWhiteSpace(c.Thumbprint);
        if (path == thumbprint)
            yield return new ValidationResult("DataProtection:Certificate needs either Path (with Password) to a .pfx file or Thumbprint of a certificate in a store, not both");
        else if (path && !File.Exists(c.Path))
            yield return new ValidationResult($"DataProtection:Certificate:Path names no file: {c.Path}");
    }
}

public sealed class KeyRingCertificateOptions
{
    /// <summary>A .pfx (PKCS#12) file holding the certificate and its private key.</summary>
    public string? Path { get; init; }

    /// <summary>The .pfx file's password.</summary>
    public string? Password { get; init; }

    /// <summary>Or: the thumbprint of a certificate with its private key in <see cref="StoreName"/> at <see cref="StoreLocation"/>.</summary>
    public string? Thumbprint { get; init; }

    public StoreName StoreName { get; init; } = StoreName.My;

    public StoreLocation StoreLocation { get; init; } = StoreLocation.CurrentUser;
}

/// <summary>The key ring certificate, loaded once from the settings; null when none is set.</summary>
public sealed class KeyRingCertificate(IOptions<KeyRingOptions> options)
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() => Load(options.Value.Certificate));

    public X509Certificate2? Certificate => _certificate.Value;

    private static X509Certificate2? Load(KeyRingCertificateOptions? settings)
    {
        if (settings is null) return null;
        X509Certificate2 certificate;
        try
        {
            certificate = !string.IsNullOrWhiteSpace(settings.Path)
                ? X509CertificateLoader.LoadPkcs12FromFile(settings.Path, settings.Password)
                : FromStore(settings);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection:Certificate could not be loaded (wrong password, or not a .pfx?): {e.Message}", e);
        }
        // Encrypting with a certificate whose private key is missing would lock the platform out of its own tokens.
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"DataProtection:Certificate {certificate.Thumbprint} has no private key: the key ring could be encrypted but never read");
        return certificate;
    }

    private static X509Certificate2 FromStore(KeyRingCertificateOptions settings)
    {
        using var store = new X509Store(settings.StoreName, settings.StoreLocation);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, settings.Thumbprint!, validOnly: false);
        return found.Count > 0 ? found[0]
            : throw new InvalidOperationException($"DataProtection:Certificate:Thumbprint {settings.Thumbprint} is not in the {settings.StoreLocation}/{settings.StoreName} store");
    }
}

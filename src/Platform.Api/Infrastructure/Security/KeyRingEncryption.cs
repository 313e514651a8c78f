using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Platform.Api.Infrastructure.Security;

/// <summary>
/// Encrypts a key of the ring as <c>ProtectKeysWithCertificate</c> does (XML encryption to the certificate), and
/// names <see cref="KeyRingDecryptor"/> to read it back.
/// </summary>
public sealed class KeyRingEncryptor(X509Certificate2 certificate, ILoggerFactory loggerFactory) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _encryptor = new(certificate, loggerFactory);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingDecryptor));
}

/// <summary>
/// Reads a key the <see cref="KeyRingEncryptor"/> wrote, with the private key of the configured certificate (the
/// stock decryptor finds certificates only in the machine's stores, or in options a .pfx file cannot reach).
/// </summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyRingCertificate>().Certificate
            ?? throw new InvalidOperationException("A key of the Data Protection key ring is encrypted, but DataProtection:Certificate is not set");
        var document = new XmlDocument { PreserveWhitespace = true };
        using (var reader = new XElement("root", encryptedElement).CreateReader()) document.Load(reader);
        new WithCertificate(document, certificate).DecryptDocument();
        return XElement.Parse(document.DocumentElement!.FirstChild!.OuterXml);
    }

    private sealed class WithCertificate(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            using var rsa = certificate.GetRSAPrivateKey() ?? throw new CryptographicException($"certificate {certificate.Thumbprint} has no RSA private key");
            return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Broker.Server.Tests;

/// <summary>A throwaway self-signed certificate as PEM files, for servers that insist on one.</summary>
public static class Certificates
{
    public static (string Certificate, string Key) SelfSigned(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=broker.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder, "fullchain.pem");
        var keyPath = Path.Combine(folder, "privkey.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}

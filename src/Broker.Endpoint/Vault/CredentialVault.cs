using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Broker.Contracts;

namespace Broker.Endpoint.Vault;

/// <summary>
/// Keeps the OS login the user chose to store, encrypted, on this computer only: it is never sent to the broker (which
/// learns only <em>that</em> a login is stored) and never written to a log.
/// </summary>
/// <remarks>
/// AES-256-GCM under a random key kept in its own owner-only file beside the vault. A headless Linux machine has no OS
/// keychain to hold the key (no Secret Service without a desktop session, and the kernel keyring does not survive a
/// reboot), so the protection is the file mode: only root (the service's user) can read the key. Keeping the key in a
/// separate file still means a copied or backed-up vault alone reveals nothing, and GCM refuses a tampered file. A
/// Windows build would protect the key with DPAPI (machine scope) instead, and macOS with the system keychain.
/// </remarks>
internal sealed class CredentialVault(string directory)
{
    public const string VaultFileName = "vault.json";
    public const string KeyFileName = "vault.key";

    private const int KeySize = 32;
    private const int FormatVersion = 1;

    // Binds the ciphertext to its purpose and format: a blob encrypted for anything else does not decrypt as a vault.
    private static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("broker-endpoint/vault/v1");

    public string VaultPath { get; } = Path.Combine(directory, VaultFileName);

    public string KeyPath { get; } = Path.Combine(directory, KeyFileName);

    public bool HasCredential => File.Exists(VaultPath);

    /// <summary>Encrypts and stores <paramref name="credential"/>, replacing any stored one; makes the key on first use.</summary>
    public void Save(OsCredential credential)
    {
        var key = LoadKey() ?? CreateKey();
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(new StoredCredential(credential.User, credential.Password), BrokerJson.Options);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData);
            }

            PrivateFile.Write(VaultPath, JsonSerializer.SerializeToUtf8Bytes(new SealedVault(FormatVersion, nonce, ciphertext, tag), BrokerJson.Options));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The stored login, or null when none is stored.</summary>
    /// <exception cref="VaultException">The vault exists but cannot be decrypted with the key beside it.</exception>
    public OsCredential? Load()
    {
        if (!File.Exists(VaultPath))
        {
            return null;
        }

        var key = LoadKey() ?? throw new VaultException($"the vault's key {KeyPath} is missing");
        byte[]? plaintext = null;
        try
        {
            var sealedVault = JsonSerializer.Deserialize<SealedVault>(File.ReadAllBytes(VaultPath), BrokerJson.Options);
            if (sealedVault is not { Version: FormatVersion, Nonce: { } nonce, Ciphertext: { } ciphertext, Tag: { } tag })
            {
                throw new VaultException($"{VaultPath} is not a vault this version can read");
            }

            plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData);
            }

            var stored = JsonSerializer.Deserialize<StoredCredential>(plaintext, BrokerJson.Options);
            return stored is { User: { } user, Password: { } password } ? new OsCredential(user, password)
                : throw new VaultException($"{VaultPath} holds no login");
        }
        catch (Exception e) when (e is CryptographicException or JsonException or IOException or ArgumentException)
        {
            throw new VaultException($"cannot decrypt {VaultPath} with {KeyPath}: the key is another one or the file was changed", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    /// <summary>Forgets the stored login (the key stays, for the next one).</summary>
    public void Delete()
    {
        if (File.Exists(VaultPath))
        {
            File.Delete(VaultPath);
        }
    }

    private byte[]? LoadKey()
    {
        if (!File.Exists(KeyPath))
        {
            return null;
        }

        var key = File.ReadAllBytes(KeyPath);
        return key.Length == KeySize ? key : throw new VaultException($"{KeyPath} is not a vault key ({KeySize} bytes)");
    }

    private byte[] CreateKey()
    {
        var key = RandomNumberGenerator.GetBytes(KeySize);
        PrivateFile.Write(KeyPath, key);
        return key;
    }

    private sealed record StoredCredential(string? User, string? Password);

    private sealed record SealedVault(int Version, byte[]? Nonce, byte[]? Ciphertext, byte[]? Tag);
}

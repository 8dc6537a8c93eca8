using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Tests.Vault;

public sealed class CredentialVaultTests : IDisposable
{
    private const string Password = "Tr0ub4dor&3-horse";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static readonly OsCredential Login = new(@"CONTOSO\ana", Password);

    [Fact]
    public void A_stored_login_reads_back()
    {
        var vault = new CredentialVault(folder.Path);

        vault.Save(Login);

        Assert.True(vault.HasCredential);
        Assert.Equal(Login, new CredentialVault(folder.Path).Load());
    }

    [Fact]
    public void No_file_ever_holds_the_password_in_clear()
    {
        var vault = new CredentialVault(folder.Path);

        vault.Save(Login);
        vault.Save(Login with { User = @"CONTOSO\bob" });

        foreach (var file in Directory.GetFiles(folder.Path))
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), text);
            Assert.DoesNotContain("CONTOSO", text);
        }
    }

    [Fact]
    public void Another_key_cannot_open_the_vault()
    {
        var vault = new CredentialVault(folder.Path);
        vault.Save(Login);

        File.WriteAllBytes(vault.KeyPath, RandomNumberGenerator.GetBytes(32));

        Assert.Throws<VaultException>(vault.Load);
    }

    [Fact]
    public void A_changed_vault_is_refused()
    {
        var vault = new CredentialVault(folder.Path);
        vault.Save(Login);
        var json = File.ReadAllText(vault.VaultPath);
        var at = json.IndexOf("\"ciphertext\":\"", StringComparison.Ordinal) + 14;
        var tampered = json[..at] + (json[at] == 'A' ? 'B' : 'A') + json[(at + 1)..];

        File.WriteAllText(vault.VaultPath, tampered);

        Assert.Throws<VaultException>(vault.Load);
    }

    [Fact]
    public void Without_its_key_the_vault_cannot_be_read()
    {
        var vault = new CredentialVault(folder.Path);
        vault.Save(Login);

        File.Delete(vault.KeyPath);

        Assert.Throws<VaultException>(vault.Load);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_vault_and_its_key_are_readable_by_their_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var vault = new CredentialVault(folder.Path);

        vault.Save(Login);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(vault.VaultPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(vault.KeyPath));
    }

    [Fact]
    public void A_forgotten_login_is_gone_and_nothing_stored_reads_as_none()
    {
        var vault = new CredentialVault(folder.Path);
        Assert.Null(vault.Load());
        vault.Save(Login);

        vault.Delete();

        Assert.False(vault.HasCredential);
        Assert.Null(vault.Load());
    }

    [Fact]
    public void The_password_never_shows_in_the_login_s_text()
    {
        Assert.DoesNotContain(Password, Login.ToString());
    }
}

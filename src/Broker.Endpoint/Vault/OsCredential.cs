namespace Broker.Endpoint.Vault;

/// <summary>An OS login (<c>domain\user</c> and password) that lets an agent sign in to this computer without its user.</summary>
public sealed record OsCredential(string User, string Password)
{
    // The generated ToString would print the password into any message that shows the record.
    public override string ToString() => $"{User} (password hidden)";
}

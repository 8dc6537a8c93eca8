namespace Broker.Grains.Throttling;

/// <summary>Keys of <see cref="ILoginThrottleGrain"/>: one per account (e-mail) and one per client address.</summary>
public static class LoginThrottleKeys
{
    public const string AccountPrefix = "account:";
    public const string AddressPrefix = "address:";

    public static string Account(string email) => AccountPrefix + email.Trim().ToLowerInvariant();

    public static string Address(string address) => AddressPrefix + address;

    /// <summary>Support-key guesses from one client address (joining an attended session).</summary>
    public static string Join(string address) => "join:" + address;
}

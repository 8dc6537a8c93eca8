namespace Broker.Endpoint.Consent;

/// <summary>How a command reports a consent request and its answer on the status output (one line each).</summary>
internal interface IConsentReport
{
    /// <summary>An agent asks; <paramref name="agent"/> is the agent's name, already printable.</summary>
    Task AskedAsync(string agent);

    /// <summary>
    /// The person allowed: changes the vault through <paramref name="store"/> (true when a login is stored now), unless
    /// the command has finished with the session, which then keeps nothing. Before the broker hears the answer, so a
    /// session that ends in between still knows a login is there.
    /// </summary>
    bool StoreCredential(Func<bool> store);

    /// <summary>The broker took the answer: allowed or not, and whether an OS login is now stored on this computer.</summary>
    Task AnsweredAsync(string agent, bool allow, bool credentialStored);
}

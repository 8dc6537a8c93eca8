namespace Broker.Endpoint.Consent;

/// <summary>The consent lines of <c>run</c>, an enrolled device's service.</summary>
internal sealed class DeviceConsentReport(TextWriter status) : IConsentReport
{
    public Task AskedAsync(string agent) => status.WriteLineAsync($"Agent {agent} asks for unattended access to this computer");

    /// <summary>Nothing to track: an enrolled device keeps the login for the unattended access it already has.</summary>
    public bool StoreCredential(Func<bool> store) => store();

    public Task AnsweredAsync(string agent, bool allow, bool credentialStored) => status.WriteLineAsync(
        !allow ? $"Declined unattended access for agent {agent}"
        : credentialStored ? $"Allowed unattended access for agent {agent}; the OS login is stored on this computer only"
        : $"Allowed unattended access for agent {agent}; no OS login stored");
}

namespace Broker.Endpoint.Vault;

/// <summary>The vault cannot be read: its key is missing or another one, or the file was damaged or tampered with.</summary>
internal sealed class VaultException(string message, Exception? inner = null) : Exception(message, inner);

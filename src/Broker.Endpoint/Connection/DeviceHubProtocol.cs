namespace Broker.Endpoint.Connection;

/// <summary>How the device hub's messages are encoded (<c>--protocol</c>); the broker serves both.</summary>
public enum DeviceHubProtocol
{
    /// <summary>Binary: frames travel as bytes, a third smaller than JSON's base64 and without the encoding work. The default.</summary>
    MessagePack,

    /// <summary>Text, with the contract's JSON conventions; readable in a proxy's log.</summary>
    Json,
}

namespace Broker.Grains.Devices;

/// <summary>The <c>Broker:Presence</c> section: when a silent endpoint counts as offline.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Broker:Presence";

    /// <summary>An endpoint whose last heartbeat is older than this is offline (endpoints beat every 15 s by default).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(45);
}

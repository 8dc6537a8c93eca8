namespace Broker.Grains.Devices;

/// <summary>Which devices to list: one group or all the agent reaches, online or not, and a text to find.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DeviceFilter")]
public sealed record DeviceFilter(
    [property: Id(0)] Guid? DeviceGroupId = null,
    [property: Id(1)] bool? Online = null,
    [property: Id(2)] string? Text = null)
{
    public bool Matches(DeviceInfo device) =>
        (Online is null || device.Online == Online)
        && (string.IsNullOrWhiteSpace(Text)
            || device.Nickname.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase)
            || device.ComputerName.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase)
            || device.Os.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase));
}

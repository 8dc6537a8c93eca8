using Broker.Contracts.Me;

namespace Broker.Contracts.Devices;

/// <summary>One device group on the dashboard: its devices and how many are online.</summary>
public sealed record DashboardGroupResponse(NamedRef DeviceGroup, int DeviceCount, int OnlineCount, IReadOnlyList<DeviceResponse> Devices);

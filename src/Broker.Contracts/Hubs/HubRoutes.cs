namespace Broker.Contracts.Hubs;

/// <summary>Where the SignalR hubs live.</summary>
public static class HubRoutes
{
    /// <summary>Endpoints (customer computers), authenticated by their device token as <c>access_token</c>.</summary>
    public const string Device = "/hubs/device";

    /// <summary>Agents' viewers, authenticated by their bearer token as <c>access_token</c>.</summary>
    public const string Agent = "/hubs/agent";
}

namespace Broker.LoadTest.Relay;

/// <summary>Where one session's device and viewer connect, and with which tokens (none for the baseline).</summary>
public sealed record SessionRoute(Uri DeviceHub, string? DeviceToken, Uri ViewerHub, string? ViewerToken);

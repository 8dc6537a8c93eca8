namespace Broker.Server.Operations;

/// <summary>
/// Tells this host's <c>Broker</c> meter from another host's in the same process (the tests run several), so each host's
/// <c>/metrics</c> shows only what happened on it.
/// </summary>
public sealed class BrokerMetricsScope;

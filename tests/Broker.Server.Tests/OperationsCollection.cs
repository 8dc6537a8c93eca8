namespace Broker.Server.Tests;

/// <summary>
/// Three hosts of their own for the metrics tests: each host counts only what happens on it, and no test of another
/// collection moves these counters meanwhile.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<HostCluster>
{
    public const string Name = "operations";
}

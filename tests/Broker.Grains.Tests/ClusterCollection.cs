namespace Broker.Grains.Tests;

/// <summary>Every grain test shares one cluster; each test makes its own ids.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

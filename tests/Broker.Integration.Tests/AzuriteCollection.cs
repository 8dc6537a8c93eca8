namespace Broker.Integration.Tests;

/// <summary>The tests that share one Azurite process; each uses its own containers.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

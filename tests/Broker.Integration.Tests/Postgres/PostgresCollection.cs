namespace Broker.Integration.Tests.Postgres;

/// <summary>Tests that share one PostgreSQL server (each makes its own database) and one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "postgresql";
}

namespace Broker.Grains.Common;

/// <summary>Names of the grain storage providers the host registers.</summary>
public static class BrokerStorage
{
    /// <summary>Durable grain state: SQLite in Local mode, PostgreSQL in Cluster mode.</summary>
    public const string Name = "broker";
}

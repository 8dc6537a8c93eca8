namespace Broker.Server;

/// <summary>The storage profile of a host (DESIGN section 2).</summary>
public enum BrokerMode
{
    /// <summary>One host, localhost clustering, grain state and audit in a SQLite file, installers in a folder.</summary>
    Local,

    /// <summary>Several hosts on PostgreSQL clustering and persistence, installers in Azure Blob Storage.</summary>
    Cluster,
}

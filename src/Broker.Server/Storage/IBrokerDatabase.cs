using System.Data.Common;

namespace Broker.Server.Storage;

/// <summary>The relational database behind a host: SQLite in Local mode, PostgreSQL in Cluster mode.</summary>
public interface IBrokerDatabase
{
    /// <summary>The folder of scripts under infra/sql that builds this database's schema.</summary>
    string Dialect { get; }

    /// <summary>Opens a new connection (pooled by the driver).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Makes the database reachable before the schema is applied (creates the file, sets modes).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);
}

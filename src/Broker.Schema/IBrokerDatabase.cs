using System.Data.Common;

namespace Broker.Schema;

/// <summary>The relational database behind a host: SQLite in Local mode, PostgreSQL in Cluster mode.</summary>
public interface IBrokerDatabase
{
    /// <summary>The folder of scripts under infra/sql that builds this database's schema.</summary>
    string Dialect { get; }

    /// <summary>The name Orleans' ADO.NET providers know this database's driver by.</summary>
    string OrleansInvariant { get; }

    /// <summary>The connection string the host and Orleans' providers use.</summary>
    string ConnectionString { get; }

    /// <summary>Opens a new connection (pooled by the driver).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Makes the database reachable before the schema is applied (creates the file, sets modes).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Whether a table of that name exists.</summary>
    Task<bool> HasTableAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps other migrators of the same database out until the returned handle is disposed, so several hosts or
    /// <c>brokerctl db migrate</c> runs started at once apply each script once.
    /// </summary>
    Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken);
}

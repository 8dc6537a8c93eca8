using System.Data.Common;
using Npgsql;

namespace Broker.Schema;

/// <summary>Cluster mode's database: one PostgreSQL database shared by every host, for membership, grain state and audit.</summary>
public sealed class PostgresDatabase : IBrokerDatabase
{
    /// <summary>The name Orleans' ADO.NET providers know Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The advisory lock that migrators of one database take in turn (an arbitrary, fixed 64-bit key).</summary>
    private const long MigrationLockKey = 0x42726F6B6572; // "Broker"

    public PostgresDatabase(string connectionString)
    {
        try
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {exception.Message}", nameof(connectionString), exception);
        }
    }

    public string ConnectionString { get; }

    public string Dialect => "postgresql";

    public string OrleansInvariant => Invariant;

    /// <summary>Where the database is, for messages: host, port and database, never the password.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The database itself is the operator's to create; there is nothing to prepare.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> HasTableAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT to_regclass(@table) IS NOT NULL";
        command.Parameters.Add(new NpgsqlParameter("table", table.ToLowerInvariant()));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({MigrationLockKey})";
            await command.ExecuteNonQueryAsync();
        }
    }
}

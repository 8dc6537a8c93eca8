using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Broker.Schema;

/// <summary>
/// Applies our SQL scripts (infra/sql/{dialect}/NNN_name.sql, embedded in this assembly) in order, each once,
/// each in a transaction, recording what it applied in BrokerSchemaVersions. Running it again changes nothing.
/// </summary>
public sealed partial class SchemaMigrator(IBrokerDatabase database, ILogger<SchemaMigrator> logger)
{
    public const string VersionTable = "BrokerSchemaVersions";

    /// <summary>The scripts of a dialect, by version.</summary>
    public static IReadOnlyList<SchemaScript> Scripts(string dialect)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"sql/{dialect}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => SchemaScript.FromResource(assembly, name, name[prefix.Length..]))
            .OrderBy(script => script.Version)];
    }

    /// <summary>Applies every script not yet applied; returns the names of those it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var migrationLock = await database.LockForMigrationAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {VersionTable}
            (
                Version   INTEGER NOT NULL PRIMARY KEY,
                Name      TEXT    NOT NULL,
                AppliedAt TEXT    NOT NULL
            );
            """, cancellationToken);

        var applied = await AppliedAsync(connection, cancellationToken);
        var done = new List<string>();
        foreach (var script in Scripts(database.Dialect).Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {VersionTable} (Version, Name, AppliedAt) VALUES (@version, @name, @at)";
                AddParameter(record, "version", script.Version);
                AddParameter(record, "name", script.Name);
                AddParameter(record, "at", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(script.Name);
            done.Add(script.Name);
        }

        return done;
    }

    /// <summary>The scripts this build has that the database has not applied yet (all of them when it has no schema).</summary>
    public async Task<IReadOnlyList<SchemaScript>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var applied = await database.HasTableAsync(connection, VersionTable, cancellationToken)
            ? await AppliedAsync(connection, cancellationToken)
            : [];
        return [.. Scripts(database.Dialect).Where(s => !applied.Contains(s.Version))];
    }

    private static async Task<HashSet<int>> AppliedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Version FROM {VersionTable}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(Convert.ToInt32(reader.GetValue(0)));
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(EventId = 1, EventName = "SchemaScriptApplied", Level = LogLevel.Information, Message = "Applied schema script {Script}")]
    private partial void LogApplied(string script);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Broker.Server.Storage;

/// <summary>Local mode's database: one SQLite file in the data folder, shared by grain state and the audit log.</summary>
public sealed class SqliteDatabase(string path) : IBrokerDatabase
{
    /// <summary>The name Orleans' ADO.NET providers know SQLite by; it loads Microsoft.Data.Sqlite's factory.</summary>
    public const string OrleansInvariant = "System.Data.SQLite";

    public string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Dialect => "sqlite";

    public string Path => path;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Write-ahead logging lets readers go on while a grain writes; it is a property of the file, set once.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

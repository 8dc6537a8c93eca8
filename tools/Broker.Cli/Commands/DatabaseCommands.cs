using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using Broker.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broker.Cli.Commands;

/// <summary>
/// <c>brokerctl db migrate|status</c>: Cluster mode's PostgreSQL schema (infra/sql/postgresql), applied in order, each script
/// once, under a lock, so running it again or from two places at once is safe. Talks to the database, not to a broker.
/// </summary>
internal static class DatabaseCommands
{
    public const string ConnectionVariable = "ConnectionStrings__Orleans";

    public static Command Create(CliApp app)
    {
        var migrateConnection = ConnectionOption();
        var migrate = new Command("migrate", "Apply the broker's schema to a PostgreSQL database (idempotent)") { migrateConnection };
        app.SetAction(migrate, async invocation =>
        {
            var database = Database(invocation.Value(migrateConnection));
            var migrator = new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance);
            var applied = await Reach(database, () => migrator.MigrateAsync(invocation.CancellationToken));
            var version = SchemaMigrator.Scripts(database.Dialect).Max(s => s.Version);
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(new { database = database.Describe(), applied, version });
            }
            else
            {
                foreach (var script in applied)
                {
                    invocation.Output.Line($"applied {script}");
                }

                invocation.Output.Line(applied.Count == 0
                    ? $"Nothing to apply: the schema of {database.Describe()} is at version {version}."
                    : $"The schema of {database.Describe()} is at version {version}.");
            }

            return ExitCodes.Success;
        });

        var statusConnection = ConnectionOption();
        var status = new Command("status", "Show which schema scripts a PostgreSQL database lacks; exit code 1 if any") { statusConnection };
        app.SetAction(status, async invocation =>
        {
            var database = Database(invocation.Value(statusConnection));
            var migrator = new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance);
            var pending = await Reach(database, () => migrator.PendingAsync(invocation.CancellationToken));
            var names = pending.Select(s => s.Name).ToArray();
            if (invocation.Output.Json)
            {
                invocation.Output.WriteJson(new { database = database.Describe(), pending = names });
            }
            else
            {
                invocation.Output.Line(names.Length == 0
                    ? $"The schema of {database.Describe()} is up to date."
                    : $"{database.Describe()} lacks {string.Join(", ", names)}: run brokerctl db migrate.");
            }

            return names.Length == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });

        return new Command("db", "Cluster mode's PostgreSQL schema") { migrate, status };
    }

    private static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = $"The PostgreSQL connection string (Npgsql syntax: \"Host=…;Database=…;Username=…;Password=…\"); default: ${ConnectionVariable}",
        HelpName = "CONNECTION",
    };

    private static PostgresDatabase Database(string? option)
    {
        var connection = option ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw CliException.Usage($"no database given: pass --connection \"Host=…;Database=…;Username=…\" or set {ConnectionVariable}");
        }

        try
        {
            return new PostgresDatabase(connection);
        }
        catch (ArgumentException exception)
        {
            throw CliException.Usage(exception.Message);
        }
    }

    private static async Task<T> Reach<T>(PostgresDatabase database, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception exception) when (exception is DbException or SocketException or TimeoutException)
        {
            throw new CliException(ExitCodes.Unreachable, $"the database at {database.Describe()} does not answer: {exception.Message}");
        }
    }
}

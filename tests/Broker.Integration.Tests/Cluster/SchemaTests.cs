using Broker.Integration.Tests.Postgres;
using Broker.Schema;
using Broker.Testing;
using Npgsql;

namespace Broker.Integration.Tests.Cluster;

/// <summary>Cluster mode's schema on a real PostgreSQL: brokerctl applies it once, and hosts refuse to run without it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresServer postgres, AzuriteFixture azurite)
{
    private static readonly string[] AllScripts = [.. SchemaMigrator.Scripts("postgresql").Select(s => s.Name)];

    [Fact]
    public async Task Brokerctl_db_migrate_applies_every_script_once_and_says_what_it_did()
    {
        var database = await postgres.CreateDatabaseAsync();

        var (code, stdout, _) = await Brokerctl.RunAsync("db", "status", "--connection", database);
        Assert.Equal(1, code);
        Assert.Contains("lacks 001_grain_state.sql", stdout);

        (code, stdout, _) = await Brokerctl.RunAsync("db", "migrate", "--connection", database);
        Assert.Equal(0, code);
        foreach (var script in AllScripts)
        {
            Assert.Contains($"applied {script}", stdout);
        }

        (code, stdout, _) = await Brokerctl.RunAsync("db", "migrate", "--connection", database);
        Assert.Equal(0, code);
        Assert.DoesNotContain("applied", stdout);
        Assert.Contains("Nothing to apply", stdout);

        (code, stdout, _) = await Brokerctl.RunAsync("db", "status", "--connection", database, "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"pending\": []", stdout);
        Assert.Equal(AllScripts.Length, await ScalarAsync(database, "SELECT COUNT(*) FROM BrokerSchemaVersions"));
    }

    [Fact]
    public async Task Migrations_started_at_the_same_time_apply_each_script_once()
    {
        var database = await postgres.CreateDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Brokerctl.RunAsync("db", "migrate", "--connection", database))));

        Assert.All(runs, run => Assert.Equal(0, run.Code));
        Assert.Equal(AllScripts.Length, runs.Sum(run => run.Stdout.Split('\n').Count(line => line.StartsWith("applied ", StringComparison.Ordinal))));
        Assert.Equal(AllScripts.Length, await ScalarAsync(database, "SELECT COUNT(*) FROM BrokerSchemaVersions"));
    }

    [Fact]
    public async Task Brokerctl_db_migrate_says_clearly_when_the_database_cannot_be_reached_or_is_not_given()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(postgres.ConnectionString("broker")) { Port = LoopbackPort.Next(), Timeout = 3 }.ConnectionString;

        var (code, _, stderr) = await Brokerctl.RunAsync("db", "migrate", "--connection", unreachable);
        Assert.Equal(6, code);
        Assert.Contains("does not answer", stderr);

        (code, _, stderr) = await Brokerctl.RunAsync("db", "migrate", "--connection", "Host=127.0.0.1;Bogus Key=1");
        Assert.Equal(2, code);
        Assert.Contains("not valid", stderr);
    }

    [Fact]
    public async Task A_cluster_host_on_a_database_without_the_schema_says_so_and_exits_non_zero()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var host = new BrokerProcess("host", ClusterEnvironment.For(database, azurite));

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => host.StartAsync());

        Assert.Contains("exited with code 1", failure.Message);
        Assert.Contains("lacks the broker's schema", host.Output);
        Assert.Contains("brokerctl db migrate", host.Output);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task A_cluster_host_without_shared_keys_says_which_settings_it_needs_and_exits_non_zero()
    {
        var database = await postgres.CreateDatabaseAsync();
        await ClusterEnvironment.MigrateAsync(database);
        var environment = ClusterEnvironment.For(database, azurite);
        environment.Remove("Broker__Auth__SigningKey");
        await using var host = new BrokerProcess("host", environment);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => host.StartAsync());

        Assert.Contains("exited with code 1", failure.Message);
        Assert.Contains("Broker:Auth:SigningKey and Broker:Auth:EnrollmentKey must be set in Cluster mode", host.Output);
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}

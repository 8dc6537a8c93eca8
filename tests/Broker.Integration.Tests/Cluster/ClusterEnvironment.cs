using System.Security.Cryptography;
using Broker.Integration.Tests.Postgres;

namespace Broker.Integration.Tests.Cluster;

/// <summary>The environment of Cluster-mode hosts on the test's PostgreSQL database and Azurite, as an operator sets it.</summary>
public static class ClusterEnvironment
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "bootstrap-password-1";

    public static Dictionary<string, string> For(string database, AzuriteFixture azurite) => new()
    {
        ["Broker__Mode"] = "Cluster",
        ["ConnectionStrings__Orleans"] = database,
        ["ConnectionStrings__Installers"] = azurite.ConnectionString,
        ["Broker__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["Broker__Auth__EnrollmentKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["Broker__Auth__PasswordIterations"] = "1000",
        ["Broker__AdvertisedAddress"] = "127.0.0.1",
        ["Broker__Bootstrap__AdminEmail"] = AdminEmail,
        ["Broker__Bootstrap__AdminPassword"] = AdminPassword,
        ["Broker__Presence__Timeout"] = "00:00:10",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Broker"] = "Information",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["DOTNET_gcServer"] = "0",
    };

    /// <summary>Applies the schema the way an operator does, with <c>brokerctl db migrate</c>.</summary>
    public static async Task MigrateAsync(string database)
    {
        var (code, stdout, stderr) = await Brokerctl.RunAsync("db", "migrate", "--connection", database);
        Assert.True(code == 0, $"brokerctl db migrate failed ({code}): {stdout}{stderr}");
    }

    public static Task<string> NewDatabaseAsync(PostgresServer postgres) => postgres.CreateDatabaseAsync();
}

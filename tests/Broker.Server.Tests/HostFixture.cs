namespace Broker.Server.Tests;

/// <summary>One broker host shared by the API tests of a collection; each test makes its own accounts and groups.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public BrokerHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await BrokerHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Host.DataPath, recursive: true);
    }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public Task<ApiClient> AdminAsync() => ApiClient.SignInAsync(Host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
}

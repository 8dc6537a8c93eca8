using Broker.Grains.Throttling;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LoginThrottleTests(ClusterFixture fixture)
{
    private ILoginThrottleGrain Account() =>
        fixture.Grains.GetGrain<ILoginThrottleGrain>(LoginThrottleKeys.Account($"{Guid.NewGuid():N}@example.test"));

    private static async Task Fail(ILoginThrottleGrain throttle, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True((await throttle.Begin()).Allowed);
            await throttle.Finish(succeeded: false);
        }
    }

    [Fact]
    public async Task Five_failures_lock_an_account_until_the_window_has_passed()
    {
        var throttle = Account();
        await Fail(throttle, 5);

        var refused = await throttle.Begin();
        Assert.False(refused.Allowed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero && refused.RetryAfter <= LoginThrottleGrain.Window);

        fixture.Clock.Advance(LoginThrottleGrain.Window);
        Assert.True((await throttle.Begin()).Allowed);
    }

    [Fact]
    public async Task A_success_clears_an_account_s_failures()
    {
        var throttle = Account();
        await Fail(throttle, 4);
        Assert.True((await throttle.Begin()).Allowed);
        await throttle.Finish(succeeded: true);

        await Fail(throttle, 4);
        Assert.True((await throttle.Begin()).Allowed);
    }

    [Fact]
    public async Task Attempts_in_flight_count_so_a_parallel_burst_cannot_pass_the_limit()
    {
        var throttle = Account();

        var decisions = new List<ThrottleDecision>();
        for (var i = 0; i < 8; i++)
        {
            decisions.Add(await throttle.Begin());
        }

        Assert.Equal(5, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task An_address_allows_more_failures_than_an_account_and_a_success_does_not_clear_them()
    {
        var address = fixture.Grains.GetGrain<ILoginThrottleGrain>(LoginThrottleKeys.Address($"198.51.100.{Random.Shared.Next(1, 254)}-{Guid.NewGuid():N}"));
        await Fail(address, 19);
        Assert.True((await address.Begin()).Allowed);
        await address.Finish(succeeded: true);

        await Fail(address, 1);
        Assert.False((await address.Begin()).Allowed);
    }
}

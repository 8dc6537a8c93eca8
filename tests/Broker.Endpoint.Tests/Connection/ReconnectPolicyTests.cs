using Broker.Endpoint.Connection;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Tests.Connection;

public sealed class ReconnectPolicyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_wait_doubles_from_the_initial_wait()
    {
        var policy = new ReconnectPolicy(Second, Minute, new FixedRandom(0.999999));

        var steps = Enumerable.Range(0, 6).Select(n => policy.Step(n)).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32], steps.Select(step => step.TotalSeconds));
        Assert.All(Enumerable.Range(1, 5), n => Assert.True(policy.Delay(n) > policy.Delay(n - 1)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(30)]
    [InlineData(1_000)]
    [InlineData(long.MaxValue)]
    public void The_wait_is_capped_at_the_maximum(long previousRetries)
    {
        var policy = new ReconnectPolicy(Second, Minute, new FixedRandom(0.999999));

        Assert.Equal(Minute, policy.Step(previousRetries));
        Assert.InRange(policy.Delay(previousRetries), Minute / 2, Minute);
    }

    [Fact]
    public void Jitter_keeps_each_wait_within_the_upper_half_of_its_step()
    {
        var policy = new ReconnectPolicy(Second, Minute, new Random(1234));

        foreach (var retries in Enumerable.Range(0, 12))
        {
            var step = policy.Step(retries);
            var waits = Enumerable.Range(0, 200).Select(_ => policy.Delay(retries)).ToList();

            Assert.All(waits, wait => Assert.InRange(wait, step / 2, step));
            Assert.True(waits.Distinct().Count() > 100, "endpoints that dropped together must not come back together");
        }
    }

    [Fact]
    public void The_bounds_of_the_jitter_are_half_the_step_and_the_step()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), new ReconnectPolicy(Second, Minute, new FixedRandom(0)).Delay(3));
        Assert.Equal(TimeSpan.FromSeconds(8), new ReconnectPolicy(Second, Minute, new FixedRandom(1)).Delay(3));
    }

    [Fact]
    public void It_never_gives_up()
    {
        var policy = new ReconnectPolicy();

        var delay = policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 100_000, ElapsedTime = TimeSpan.FromDays(30), RetryReason = new IOException() });

        Assert.NotNull(delay);
        Assert.InRange(delay.Value, ReconnectPolicy.DefaultMaximum / 2, ReconnectPolicy.DefaultMaximum);
    }

    [Fact]
    public void A_maximum_below_the_initial_wait_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(Minute, Second, Random.Shared));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.Zero, Second, Random.Shared));
    }
}

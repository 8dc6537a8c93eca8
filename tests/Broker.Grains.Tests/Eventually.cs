namespace Broker.Grains.Tests;

/// <summary>Waits for a condition with a deadline, polling; never a fixed sleep. For one-way pushes (frames) only.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, Func<string> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what()}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}

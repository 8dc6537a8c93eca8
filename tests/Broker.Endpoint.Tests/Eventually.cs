namespace Broker.Endpoint.Tests;

/// <summary>Waits for a condition with a deadline, polling; never a fixed sleep.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        HoldsAsync(condition, () => what, within);

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="what"/> is evaluated on timeout, to show the state then.</summary>
    public static async Task HoldsAsync(Func<bool> condition, Func<string> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what()}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}

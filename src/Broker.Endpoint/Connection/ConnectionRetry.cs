using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// The retry policy the device connection runs under: waits as <paramref name="backoff"/> says and announces each
/// wait on the status output, except after a refused device token, which no retry can fix.
/// </summary>
internal sealed class ConnectionRetry(IRetryPolicy backoff, string server, TextWriter status) : IRetryPolicy
{
    private volatile bool tokenRefused;

    /// <summary>Whether the broker refused the device token on some attempt; the endpoint then stops.</summary>
    public bool TokenRefused => tokenRefused;

    /// <summary>Asked by SignalR's automatic reconnect before each attempt after a drop.</summary>
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        if (DeviceTokenRefusedException.IsCause(retryContext.RetryReason))
        {
            tokenRefused = true;
            return null;
        }

        var delay = backoff.NextRetryDelay(retryContext);
        if (delay is { } wait)
        {
            status.WriteLine(retryContext.PreviousRetryCount == 0
                ? $"Disconnected; retrying in {Seconds(wait)}"
                : $"Cannot reconnect to {server}: {Describe(retryContext.RetryReason)}; retrying in {Seconds(wait)}");
        }

        return delay;
    }

    /// <summary>Asked by the endpoint's own loop after a connection attempt failed (SignalR retries only after a successful start).</summary>
    public TimeSpan? AfterFailedStart(long previousRetries, TimeSpan elapsed, Exception reason)
    {
        if (DeviceTokenRefusedException.IsCause(reason))
        {
            tokenRefused = true;
            return null;
        }

        var delay = backoff.NextRetryDelay(new RetryContext { PreviousRetryCount = previousRetries, ElapsedTime = elapsed, RetryReason = reason });
        if (delay is { } wait)
        {
            status.WriteLine($"Cannot connect to {server}: {Describe(reason)}; retrying in {Seconds(wait)}");
        }

        return delay;
    }

    /// <summary>After the connection closed for good without our asking (the broker closed it and did not allow a reconnect).</summary>
    public TimeSpan? AfterClosed(Exception? reason)
    {
        if (DeviceTokenRefusedException.IsCause(reason))
        {
            tokenRefused = true;
            return null;
        }

        var delay = backoff.NextRetryDelay(new RetryContext { PreviousRetryCount = 0, ElapsedTime = TimeSpan.Zero, RetryReason = reason });
        if (delay is { } wait)
        {
            status.WriteLine($"Disconnected; retrying in {Seconds(wait)}");
        }

        return delay;
    }

    public static string Seconds(TimeSpan wait) =>
        wait.TotalSeconds.ToString(wait < TimeSpan.FromSeconds(10) ? "0.#" : "0", CultureInfo.InvariantCulture) + "s";

    /// <summary>The reason in one line: the outer message, plus the root cause when it says more (e.g. "Connection refused").</summary>
    public static string Describe(Exception? reason)
    {
        if (reason is null)
        {
            return "the connection closed";
        }

        var root = reason.GetBaseException();
        return root == reason || reason.Message.Contains(root.Message, StringComparison.Ordinal)
            ? reason.Message
            : $"{reason.Message} ({root.Message})";
    }
}

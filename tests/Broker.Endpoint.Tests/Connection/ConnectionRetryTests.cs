using System.Net.WebSockets;
using Broker.Endpoint.Connection;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Tests.Connection;

public sealed class ConnectionRetryTests
{
    private static ReconnectPolicy TwoSeconds => new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), new FixedRandom(1));

    [Fact]
    public void A_drop_is_announced_with_the_wait()
    {
        var status = new LineWriter();
        var retry = new ConnectionRetry(TwoSeconds, "http://broker", status);

        var delay = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = 0, RetryReason = new WebSocketException("gone") });

        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        Assert.Equal("Disconnected; retrying in 2s" + Environment.NewLine, status.Text);
    }

    [Fact]
    public void A_failed_attempt_says_why_and_when_the_next_one_comes()
    {
        var status = new LineWriter();
        var retry = new ConnectionRetry(TwoSeconds, "http://broker", status);

        retry.AfterFailedStart(3, TimeSpan.FromSeconds(9), new WebSocketException("Unable to connect to the remote server", new IOException("Connection refused")));

        Assert.Equal("Cannot connect to http://broker: Unable to connect to the remote server (Connection refused); retrying in 2s" + Environment.NewLine, status.Text);
    }

    [Fact]
    public void A_refused_device_token_stops_the_retries()
    {
        var status = new LineWriter();
        var retry = new ConnectionRetry(TwoSeconds, "http://broker", status);

        var afterDrop = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = 2, RetryReason = new DeviceTokenRefusedException() });
        var atStart = retry.AfterFailedStart(0, TimeSpan.Zero, new AggregateException(new DeviceTokenRefusedException()));

        Assert.Null(afterDrop);
        Assert.Null(atStart);
        Assert.True(retry.TokenRefused);
        Assert.Empty(status.Text);
    }
}

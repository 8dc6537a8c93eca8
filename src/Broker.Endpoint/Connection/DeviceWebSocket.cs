using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// Opens the device hub's WebSocket ourselves (SignalR's <see cref="HttpConnectionOptions.WebSocketFactory"/>), for two
/// things the built-in transport does not give: the HTTP status of a refused upgrade, so that a 401 (device removed)
/// stops the endpoint instead of retrying forever, and a bound on how long one attempt may take.
/// </summary>
internal static class DeviceWebSocket
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var header in context.Options.Headers)
        {
            socket.Options.SetRequestHeader(header.Key, header.Value);
        }

        if (context.Options.AccessTokenProvider is { } tokens && await tokens() is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(WebSocketUri(context.Uri), timeout.Token);
            return socket;
        }
        catch (Exception e) when (socket.HttpStatusCode == HttpStatusCode.Unauthorized)
        {
            socket.Dispose();
            throw new DeviceTokenRefusedException(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"no answer within {ConnectTimeout.TotalSeconds:0} seconds", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Uri WebSocketUri(Uri uri) => uri.Scheme switch
    {
        "http" => new UriBuilder(uri) { Scheme = "ws" }.Uri,
        "https" => new UriBuilder(uri) { Scheme = "wss" }.Uri,
        _ => uri,
    };
}

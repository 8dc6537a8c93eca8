using Microsoft.AspNetCore.SignalR;

namespace Broker.Endpoint.Connection;

/// <summary>
/// The broker's own words in a hub error. SignalR passes a hub method's <see cref="HubException"/> to the caller
/// wrapped as "An unexpected error occurred invoking 'Method' on the server. HubException: words", which reads as a
/// fault when it is an answer ("the session has ended").
/// </summary>
internal static class HubErrors
{
    private const string Wrapper = "An unexpected error occurred invoking '";
    private const string Marker = " HubException: ";

    public static string Words(HubException error)
    {
        var message = error.Message;
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        return message.StartsWith(Wrapper, StringComparison.Ordinal) && at >= 0 ? message[(at + Marker.Length)..] : message;
    }
}

namespace Broker.Endpoint.Connection;

/// <summary>
/// The broker answered 401 to the device hub: it no longer accepts this computer's device token, because the device
/// was removed or enrolled again with a new token (or, for <c>join</c>, the session token, because the session ended).
/// Retrying cannot help; only enrolling (or joining) again can.
/// </summary>
internal sealed class DeviceTokenRefusedException(Exception? inner = null)
    : Exception("The broker refused this computer's device token (401).", inner)
{
    /// <summary>Whether <paramref name="exception"/> is, or was caused by, a refused device token.</summary>
    public static bool IsCause(Exception? exception) => exception switch
    {
        null => false,
        DeviceTokenRefusedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsCause),
        _ => IsCause(exception.InnerException),
    };
}

using System.ComponentModel.DataAnnotations;

namespace Broker.Grains.Sessions;

/// <summary>How long an attended session waits for a customer's computer that has gone (<c>Broker:Sessions</c>).</summary>
public sealed class BrokerSessionOptions
{
    public const string Section = "Broker:Sessions";

    /// <summary>
    /// An attended session whose customer's computer has been disconnected this long ends. It outlasts the hosts'
    /// re-registration of their connections (every minute), so a session grain that came back on another host hears of
    /// a customer who never left before it would give up on them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Broker:Sessions:CustomerGrace must be between 1 second and 1 day.")]
    public TimeSpan CustomerGrace { get; set; } = TimeSpan.FromMinutes(2);
}

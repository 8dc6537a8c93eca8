using Broker.Contracts.Devices;

namespace Broker.Grains.Devices;

/// <summary>A device's durable state; <see cref="Exists"/> is false until enrolled and after removal.</summary>
[GenerateSerializer, Alias("Broker.DeviceState")]
public sealed record class DeviceState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Nickname { get; set; } = "";
    [Id(2)] public string ComputerName { get; set; } = "";
    [Id(3)] public string Os { get; set; } = "";
    [Id(4)] public Guid DeviceGroupId { get; set; }
    [Id(5)] public EnrollmentMethod Method { get; set; }
    [Id(6)] public string EnrolledBy { get; set; } = "";
    [Id(7)] public DateTimeOffset EnrolledAt { get; set; }
    [Id(8)] public ConsentRecord? Consent { get; set; }
    [Id(9)] public bool CredentialStored { get; set; }

    /// <summary>SHA-256 of the current device token; a new enrollment replaces it, so older tokens stop working.</summary>
    [Id(10)] public byte[] TokenHash { get; set; } = [];

    /// <summary>The key of the <see cref="Enrollment.IMachineGrain"/> that maps the machine to this device.</summary>
    [Id(11)] public string MachineKey { get; set; } = "";

    [Id(12)] public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>
    /// The sessions running on the device, kept so that a grain reactivated elsewhere (its silo lost) still ends them
    /// when the device goes offline.
    /// </summary>
    [Id(13)] public List<Guid> Sessions { get; set; } = [];

    /// <summary>
    /// Which endpoint connection each session was started on. An endpoint stops its uploads when it loses a connection,
    /// so when it connects anew, the sessions of its earlier connections are over.
    /// </summary>
    [Id(14)] public Dictionary<Guid, string> SessionConnections { get; set; } = [];

    /// <summary>
    /// Sessions that ended here (device offline, reconnected, removed) and have not heard it yet, with the reason: their
    /// grain's host may be lost for a while, so the device's grain tells them again at each presence tick until one takes it.
    /// </summary>
    [Id(15)] public Dictionary<Guid, string> EndingSessions { get; set; } = [];
}

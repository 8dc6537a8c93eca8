namespace Broker.Contracts.Devices;

/// <summary>How a device was given unattended access; on the wire <c>attended-session</c>, <c>installer</c>, <c>portal</c>.</summary>
[GenerateSerializer]
public enum EnrollmentMethod
{
    /// <summary>During an attended session, with the customer's consent.</summary>
    AttendedSession = 0,

    /// <summary>A per-group installer (one computer or a mass deployment), with the consent of whoever deploys it.</summary>
    Installer = 1,

    /// <summary>From the customer's computer, linked with an agent's e-mail address and password.</summary>
    Portal = 2,
}

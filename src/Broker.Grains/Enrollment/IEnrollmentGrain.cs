using Broker.Grains.Common;
using Broker.Grains.Devices;

namespace Broker.Grains.Enrollment;

/// <summary>Decides whether a machine may enrol, by each setup method's rule, and enrols it.</summary>
[Alias("Broker.IEnrollmentGrain")]
public interface IEnrollmentGrain : IGrainWithIntegerKey
{
    /// <summary>Installer method: the group's current enrollment code decides; the nickname is the computer name.</summary>
    Task<Result<EnrolledDevice>> EnrollWithCode(string enrollmentCode, MachineFacts machine);

    /// <summary>
    /// Portal method: an agent whose password the host has checked links the machine to one of the agent's device groups.
    /// The agent's unattended-support permission is not needed here; it is checked when someone connects.
    /// </summary>
    Task<Result<EnrolledDevice>> EnrollWithAgent(Guid agentId, MachineFacts machine, string nickname, Guid deviceGroupId, bool credentialStored);

    /// <summary>Attended-session method: the customer allowed unattended access; the agent chose nickname and group.</summary>
    Task<Result<EnrolledDevice>> EnrollFromSession(Guid agentId, MachineFacts machine, string nickname, Guid deviceGroupId, bool credentialStored, Guid sessionId);
}

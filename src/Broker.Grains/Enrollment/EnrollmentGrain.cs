using Broker.Contracts.Devices;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Devices;

namespace Broker.Grains.Enrollment;

/// <inheritdoc cref="IEnrollmentGrain"/>
/// <remarks>Holds no state, so Orleans runs as many copies as the load needs (a mass deployment).</remarks>
[StatelessWorker]
public sealed class EnrollmentGrain(TimeProvider clock) : Grain, IEnrollmentGrain
{
    public const string InvalidCode = "The enrollment code is not valid: it is wrong, or it was rotated or revoked.";

    public async Task<Result<EnrolledDevice>> EnrollWithCode(string enrollmentCode, MachineFacts machine)
    {
        if (EnrollmentCodeMinter.GroupOf(enrollmentCode) is not { } groupId
            || !await GrainFactory.GetGrain<IDeviceGroupGrain>(groupId).AcceptsEnrollmentCode(enrollmentCode))
        {
            return Refusal.Forbidden(InvalidCode);
        }

        var consent = new ConsentRecord("the owner of the enrollment code", clock.GetUtcNow(), "installed the device group's installer");
        return await Machine(machine).Enroll(new DeviceEnrollment(
            EnrollmentMethod.Installer, machine.ComputerName, machine.Os, Nickname: null, groupId, "enrollment code", consent, CredentialStored: false));
    }

    public async Task<Result<EnrolledDevice>> EnrollWithAgent(
        Guid agentId, MachineFacts machine, string nickname, Guid deviceGroupId, bool credentialStored)
    {
        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        if (await agent.GetCredential() is not { } account || !await agent.CanReach(deviceGroupId))
        {
            return Refusal.Invalid("deviceGroupId", "The device group does not exist or the agent may not use it.");
        }

        var consent = new ConsentRecord("the user at the computer", clock.GetUtcNow(), $"set up through the portal, linked to {account.Email}");
        return await Machine(machine).Enroll(new DeviceEnrollment(
            EnrollmentMethod.Portal, machine.ComputerName, machine.Os, nickname.Trim(), deviceGroupId, account.Email, consent, credentialStored));
    }

    public async Task<Result<EnrolledDevice>> EnrollFromSession(
        Guid agentId, MachineFacts machine, string nickname, Guid deviceGroupId, bool credentialStored, Guid sessionId)
    {
        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        if (await agent.GetCredential() is not { } account || !await agent.CanReach(deviceGroupId))
        {
            return Refusal.Invalid("deviceGroupId", "The device group does not exist or is not one of yours.");
        }

        var consent = new ConsentRecord("the customer", clock.GetUtcNow(), $"allowed in the consent prompt of attended session {sessionId}");
        return await Machine(machine).Enroll(new DeviceEnrollment(
            EnrollmentMethod.AttendedSession, machine.ComputerName, machine.Os, nickname.Trim(), deviceGroupId, account.Email, consent, credentialStored));
    }

    private IMachineGrain Machine(MachineFacts machine) => GrainFactory.GetGrain<IMachineGrain>(MachineKeys.Of(machine.MachineKey));
}

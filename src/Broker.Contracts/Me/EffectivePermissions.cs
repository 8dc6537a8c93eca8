namespace Broker.Contracts.Me;

/// <summary>The permissions that hold for an agent once its override is applied to its user group's settings.</summary>
public sealed record EffectivePermissions(
    bool UnattendedSupport,
    bool AttendedSupport);

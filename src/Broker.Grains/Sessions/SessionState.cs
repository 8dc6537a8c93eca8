namespace Broker.Grains.Sessions;

/// <summary>A session's durable state: who runs it, the customer, and the unattended-access setup under way.</summary>
[GenerateSerializer, Alias("Broker.SessionState")]
public sealed record class SessionState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Kind { get; set; } = "";
    [Id(2)] public Guid AgentId { get; set; }
    [Id(3)] public string AgentName { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public string State { get; set; } = SessionStates.Waiting;
    [Id(6)] public string? EndedReason { get; set; }
    [Id(7)] public CustomerFacts? Customer { get; set; }
    [Id(8)] public byte[] CustomerTokenHash { get; set; } = [];
    [Id(9)] public Guid? SetupId { get; set; }
    [Id(10)] public string SetupState { get; set; } = SessionStates.SetupNone;
    [Id(11)] public bool? CredentialStored { get; set; }
    [Id(12)] public Guid? DeviceId { get; set; }
}

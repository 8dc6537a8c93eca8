namespace Broker.Contracts.Me;

/// <summary>An id with the name a person reads.</summary>
public sealed record NamedRef(Guid Id, string Name);

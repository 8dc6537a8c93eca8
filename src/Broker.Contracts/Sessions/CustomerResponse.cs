namespace Broker.Contracts.Sessions;

/// <summary>The customer's computer in an attended session.</summary>
public sealed record CustomerResponse(string ComputerName, string Os, bool Connected);

using Broker.Contracts.Agents;

// The contract's enums travel in grain calls; their codecs are generated here, not in the contract assembly.
[assembly: GenerateCodeForDeclaringAssembly(typeof(AgentRole))]

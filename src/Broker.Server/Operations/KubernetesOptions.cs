namespace Broker.Server.Operations;

/// <summary>The <c>Broker:Kubernetes</c> section: Orleans' Kubernetes hosting (infra/kubernetes), off by default.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Broker:Kubernetes";

    /// <summary>
    /// Take the silo's name, address, cluster and service ids from the pod (the <c>POD_*</c> and <c>ORLEANS_*</c>
    /// environment variables of the example manifest) and let the silo remove members whose pods are gone.
    /// </summary>
    public bool Enabled { get; set; }
}

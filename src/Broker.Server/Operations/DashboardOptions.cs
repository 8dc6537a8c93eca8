namespace Broker.Server.Operations;

/// <summary>The <c>Broker:Dashboard</c> section: the Orleans Dashboard, for admins only.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Broker:Dashboard";

    /// <summary>The route the dashboard's page is served under.</summary>
    public const string Route = "/dashboard";

    /// <summary>Serve the Orleans Dashboard at <see cref="Route"/> to admins (bearer token or the dashboard's sign-in cookie).</summary>
    public bool Enabled { get; set; } = true;
}

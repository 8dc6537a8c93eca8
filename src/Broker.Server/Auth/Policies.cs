namespace Broker.Server.Auth;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Any signed-in agent or admin.</summary>
    public const string Agent = "agent";

    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>An endpoint authenticated by its device token.</summary>
    public const string Device = "device";
}

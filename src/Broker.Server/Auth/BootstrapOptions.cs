namespace Broker.Server.Auth;

/// <summary>The <c>Broker:Bootstrap</c> section: the first admin, made on the first start.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Broker:Bootstrap";

    /// <summary>The first admin's e-mail address; <c>admin@localhost</c> when unset.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>The first admin's password; when unset, a random one is printed once on the console.</summary>
    public string? AdminPassword { get; set; }
}

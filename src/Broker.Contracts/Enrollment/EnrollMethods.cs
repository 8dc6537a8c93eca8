namespace Broker.Contracts.Enrollment;

/// <summary>The values of <see cref="EnrollRequest.Method"/>.</summary>
public static class EnrollMethods
{
    public const string Installer = "installer";
    public const string Portal = "portal";
}

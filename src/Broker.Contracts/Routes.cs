namespace Broker.Contracts;

/// <summary>The routes of the public contract, shared by the server and its clients.</summary>
public static class Routes
{
    public const string Login = "/api/auth/login";
    public const string Me = "/api/me";
    public const string MePassword = "/api/me/password";
    public const string UserGroups = "/api/user-groups";
    public const string Agents = "/api/agents";
    public const string DeviceGroups = "/api/device-groups";
    public const string Audit = "/api/audit";
    public const string Enroll = "/api/enroll";
    public const string Devices = "/api/devices";
    public const string Dashboard = "/api/dashboard";
    public const string Installers = "/api/installers";
    public const string Sessions = "/api/sessions";
    public const string Join = "/api/join";
    public const string HealthLive = "/health/live";
    public const string HealthReady = "/health/ready";
    public const string OpenApi = "/openapi/v1.json";

    public static string UserGroup(Guid id) => $"{UserGroups}/{id}";
    public static string Agent(Guid id) => $"{Agents}/{id}";
    public static string DeviceGroup(Guid id) => $"{DeviceGroups}/{id}";
    public static string RotateEnrollmentCode(Guid id) => $"{DeviceGroups}/{id}/enrollment-code:rotate";
    public static string Device(Guid id) => $"{Devices}/{id}";
    public static string Installer(string platform) => $"{Installers}/{platform}";
    public static string GroupInstaller(Guid groupId, string platform) => $"{DeviceGroups}/{groupId}/installer/{platform}";
    public static string Session(Guid id) => $"{Sessions}/{id}";
    public static string UnattendedSetup(Guid sessionId) => $"{Sessions}/{sessionId}/unattended-setup";
    public static string CompleteUnattendedSetup(Guid sessionId) => $"{Sessions}/{sessionId}/unattended-setup/complete";
    public static string EnrollmentCode(Guid id) => $"{DeviceGroups}/{id}/enrollment-code";
}

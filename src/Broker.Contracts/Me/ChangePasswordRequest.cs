namespace Broker.Contracts.Me;

/// <summary>A signed-in user's own password change; the current password is asked again.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

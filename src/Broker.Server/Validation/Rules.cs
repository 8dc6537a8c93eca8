using FluentValidation;

namespace Broker.Server.Validation;

/// <summary>Rules shared by several requests.</summary>
public static class Rules
{
    public const int NameMaxLength = 100;
    public const int PasswordMinLength = 10;
    public const int PasswordMaxLength = 256;
    public const int MaxDeviceGroupsPerAgent = 1000;

    public static IRuleBuilderOptions<T, string?> Name<T>(this IRuleBuilder<T, string?> rule) => rule
        .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("A name is required.")
        .MaximumLength(NameMaxLength);

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("An e-mail address is required.")
        .MaximumLength(254)
        .EmailAddress().WithMessage("'{PropertyValue}' is not an e-mail address.");

    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("A password is required.")
        .MinimumLength(PasswordMinLength).WithMessage($"A password needs at least {PasswordMinLength} characters.")
        .MaximumLength(PasswordMaxLength);

    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> DeviceGroupIds<T>(this IRuleBuilder<T, IReadOnlyList<Guid>?> rule) => rule
        .Must(ids => ids is null || ids.All(id => id != Guid.Empty)).WithMessage("Device group ids must not be empty.")
        .Must(ids => ids is null || ids.Count <= MaxDeviceGroupsPerAgent).WithMessage($"At most {MaxDeviceGroupsPerAgent} device groups.");
}

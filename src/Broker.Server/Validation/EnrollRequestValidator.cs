using Broker.Contracts.Enrollment;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class EnrollRequestValidator : AbstractValidator<EnrollRequest>
{
    public const int MachineKeyMaxLength = 200;
    public const int ComputerNameMaxLength = 255;

    public EnrollRequestValidator()
    {
        RuleFor(r => r.Method).Must(m => m is EnrollMethods.Installer or EnrollMethods.Portal)
            .WithMessage($"The method must be '{EnrollMethods.Installer}' or '{EnrollMethods.Portal}'.");
        RuleFor(r => r.MachineKey).NotEmpty().WithMessage("A machine key is required.")
            .MinimumLength(16).WithMessage("A machine key has at least 16 characters.").MaximumLength(MachineKeyMaxLength);
        RuleFor(r => r.ComputerName).Name().MaximumLength(ComputerNameMaxLength);
        RuleFor(r => r.Os).NotEmpty().WithMessage("The operating system is required.").MaximumLength(200);

        When(r => r.Method == EnrollMethods.Installer, () =>
            RuleFor(r => r.EnrollmentCode).NotEmpty().WithMessage("The installer method needs the enrollment code.").MaximumLength(200));

        When(r => r.Method == EnrollMethods.Portal, () =>
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("The portal method needs the agent's e-mail address.").MaximumLength(254);
            RuleFor(r => r.Password).NotEmpty().WithMessage("The portal method needs the agent's password.").MaximumLength(Rules.PasswordMaxLength);
            RuleFor(r => r.Nickname).Name();
            RuleFor(r => r.DeviceGroupId).NotNull().NotEqual(Guid.Empty).WithMessage("The portal method needs a device group.");
        });
    }
}

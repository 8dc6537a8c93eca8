using Broker.Contracts.Sessions;
using Broker.Grains.Sessions;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class JoinRequestValidator : AbstractValidator<JoinRequest>
{
    public JoinRequestValidator()
    {
        RuleFor(r => r.SupportKey).NotEmpty().WithMessage("The support key is required.")
            .Must(key => key is null || SupportKeys.IsWellFormed(key)).WithMessage("A support key has 9 digits.");
        RuleFor(r => r.ComputerName).Name().MaximumLength(EnrollRequestValidator.ComputerNameMaxLength);
        RuleFor(r => r.Os).NotEmpty().WithMessage("The operating system is required.").MaximumLength(200);
        RuleFor(r => r.MachineKey).MinimumLength(16).MaximumLength(EnrollRequestValidator.MachineKeyMaxLength).When(r => r.MachineKey is not null);
    }
}

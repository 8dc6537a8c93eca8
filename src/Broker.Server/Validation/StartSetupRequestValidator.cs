using Broker.Contracts.Sessions;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class StartSetupRequestValidator : AbstractValidator<StartSetupRequest>
{
    public StartSetupRequestValidator() => RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password again to set up unattended support.");
}

using Broker.Contracts.Sessions;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CompleteSetupRequestValidator : AbstractValidator<CompleteSetupRequest>
{
    public CompleteSetupRequestValidator()
    {
        RuleFor(r => r.Nickname).Name();
        RuleFor(r => r.DeviceGroupId).NotNull().NotEqual(Guid.Empty).WithMessage("Choose a device group.");
    }
}

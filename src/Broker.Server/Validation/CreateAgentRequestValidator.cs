using Broker.Contracts.Agents;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CreateAgentRequestValidator : AbstractValidator<CreateAgentRequest>
{
    public CreateAgentRequestValidator()
    {
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.DisplayName).Name();
        RuleFor(r => r.Password).NewPassword();
        RuleFor(r => r.Role).NotNull().WithMessage("A role is required: admin or agent.");
        RuleFor(r => r.UserGroupId).NotNull().NotEqual(Guid.Empty).WithMessage("A user group is required.");
        RuleFor(r => r.DeviceGroupIds).DeviceGroupIds();
    }
}

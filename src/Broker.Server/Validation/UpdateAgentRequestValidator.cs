using Broker.Contracts.Agents;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class UpdateAgentRequestValidator : AbstractValidator<UpdateAgentRequest>
{
    public UpdateAgentRequestValidator()
    {
        RuleFor(r => r.Email).Email().When(r => r.Email is not null);
        RuleFor(r => r.DisplayName).Name().When(r => r.DisplayName is not null);
        RuleFor(r => r.Password).NewPassword().When(r => r.Password is not null);
        RuleFor(r => r.UserGroupId).NotEqual(Guid.Empty).WithMessage("A user group id must not be empty.");
        RuleFor(r => r.DeviceGroupIds).DeviceGroupIds();
        RuleFor(r => r).Must(r => r is not { Email: null, DisplayName: null, Password: null, Role: null, UserGroupId: null, UnattendedSupport: null, DeviceGroupIds: null })
            .WithName("request").WithMessage("Nothing to change: name at least one member.");
    }
}

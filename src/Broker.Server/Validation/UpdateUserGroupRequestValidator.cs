using Broker.Contracts.UserGroups;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class UpdateUserGroupRequestValidator : AbstractValidator<UpdateUserGroupRequest>
{
    public UpdateUserGroupRequestValidator()
    {
        RuleFor(r => r.Name).Name().When(r => r.Name is not null);
        RuleFor(r => r).Must(r => r.Name is not null || r.Settings is not null)
            .WithName("request").WithMessage("Name or settings must be given.");
    }
}

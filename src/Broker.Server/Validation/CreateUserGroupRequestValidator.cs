using Broker.Contracts.UserGroups;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CreateUserGroupRequestValidator : AbstractValidator<CreateUserGroupRequest>
{
    public CreateUserGroupRequestValidator() => RuleFor(r => r.Name).Name();
}

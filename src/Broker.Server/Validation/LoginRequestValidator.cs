using Broker.Contracts.Auth;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("An e-mail address is required.").MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().WithMessage("A password is required.").MaximumLength(Rules.PasswordMaxLength);
    }
}

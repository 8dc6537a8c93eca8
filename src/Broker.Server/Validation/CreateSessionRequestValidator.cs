using Broker.Contracts.Sessions;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CreateSessionRequestValidator : AbstractValidator<CreateSessionRequest>
{
    public CreateSessionRequestValidator() => RuleFor(r => r.Kind).Equal(SessionKinds.Attended)
        .WithMessage($"The kind must be '{SessionKinds.Attended}'; unattended sessions arrive with live relay, which this version does not have yet.");
}

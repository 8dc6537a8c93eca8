using Broker.Contracts.Sessions;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CreateSessionRequestValidator : AbstractValidator<CreateSessionRequest>
{
    public CreateSessionRequestValidator()
    {
        RuleFor(r => r.Kind).Must(kind => kind is SessionKinds.Attended or SessionKinds.Unattended)
            .WithMessage($"The kind is '{SessionKinds.Attended}' or '{SessionKinds.Unattended}'.");
        RuleFor(r => r.DeviceId).NotEmpty().When(r => r.Kind == SessionKinds.Unattended)
            .WithMessage("An unattended session needs the deviceId of the device to connect to.");
        RuleFor(r => r.DeviceId).Null().When(r => r.Kind == SessionKinds.Attended)
            .WithMessage("An attended session names no device: the customer joins it with the support key.");
    }
}

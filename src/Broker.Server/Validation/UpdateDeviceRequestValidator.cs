using Broker.Contracts.Devices;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class UpdateDeviceRequestValidator : AbstractValidator<UpdateDeviceRequest>
{
    public UpdateDeviceRequestValidator()
    {
        RuleFor(r => r.Nickname).Name().When(r => r.Nickname is not null);
        RuleFor(r => r.DeviceGroupId).NotEqual(Guid.Empty).WithMessage("A device group id must not be empty.");
        RuleFor(r => r).Must(r => r.Nickname is not null || r.DeviceGroupId is not null)
            .WithName("request").WithMessage("Nothing to change: give a nickname or a device group.");
    }
}

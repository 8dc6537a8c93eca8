using Broker.Contracts.DeviceGroups;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class UpdateDeviceGroupRequestValidator : AbstractValidator<UpdateDeviceGroupRequest>
{
    public UpdateDeviceGroupRequestValidator() => RuleFor(r => r.Name).Name();
}

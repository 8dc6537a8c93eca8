using Broker.Contracts.DeviceGroups;
using FluentValidation;

namespace Broker.Server.Validation;

public sealed class CreateDeviceGroupRequestValidator : AbstractValidator<CreateDeviceGroupRequest>
{
    public CreateDeviceGroupRequestValidator() => RuleFor(r => r.Name).Name();
}

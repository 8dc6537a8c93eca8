using Broker.Contracts.Enrollment;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Devices;
using Broker.Grains.Enrollment;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Broker.Server.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Enrollment of an endpoint: by its installer's enrollment code, or through the portal with an agent's sign-in.</summary>
public static class EnrollApi
{
    public static IEndpointRouteBuilder MapEnrollApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("api/enroll").WithTags("Enrollment").AllowAnonymous().AddEndpointFilter<ValidationFilter>()
            .MapPost("", Enroll);
        return routes;
    }

    public static async Task<Results<Ok<EnrollResponse>, ValidationProblem, ProblemHttpResult>> Enroll(
        EnrollRequest request, HttpContext http, IGrainFactory grains, LoginService logins, AuditTrail audit, BrokerMetrics metrics)
    {
        var machine = new MachineFacts(request.MachineKey!, request.ComputerName!.Trim(), request.Os!.Trim());
        var enrollment = grains.GetGrain<IEnrollmentGrain>(0);
        Result<EnrolledDevice> result;
        string actor;
        if (request.Method == EnrollMethods.Installer)
        {
            actor = "installer";
            result = await enrollment.EnrollWithCode(request.EnrollmentCode!.Trim(), machine);
        }
        else
        {
            actor = request.Email!.Trim();
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var login = await logins.LoginAsync(actor, request.Password!, address);
            if (login.Token is null)
            {
                metrics.Enrollment(request.Method!, succeeded: false);
                await audit.RecordAsActorAsync(actor, "device.enroll", machine.ComputerName, AuditOutcomes.Denied, "portal: wrong e-mail address or password");
                return login.RetryAfter is { } wait
                    ? AuthApi.TooManyAttempts(http, wait)
                    : TypedResults.Problem(detail: "The agent's e-mail address or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
            }

            // The account can vanish between the password check and here; then it is as if the password were wrong.
            result = await grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).Find(actor) is { } agentId
                ? await enrollment.EnrollWithAgent(agentId, machine, request.Nickname!, request.DeviceGroupId!.Value, request.CredentialStored ?? false)
                : Refusal.Forbidden("The agent's account no longer exists.");
        }

        metrics.Enrollment(request.Method!, result.IsOk);
        await audit.RecordAsActorAsync(actor, "device.enroll", result.Value?.DeviceId.ToString() ?? machine.ComputerName,
            result.IsOk ? AuditOutcomes.Success : AuditOutcomes.Failure,
            result.IsOk ? $"{request.Method}: {machine.ComputerName} into group {result.Value!.DeviceGroupId}" : result.Error,
            result.Value?.DeviceId);
        return result.ToOk(device => new EnrollResponse(device.DeviceId, device.DeviceToken, device.DeviceGroupId, device.Nickname));
    }
}

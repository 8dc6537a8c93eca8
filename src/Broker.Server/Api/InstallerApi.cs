using System.Security.Claims;
using Broker.Contracts.Installers;
using Broker.Grains.Agents;
using Broker.Grains.DeviceGroups;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Broker.Server.Installers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Server.Api;

/// <summary>Base installers (admins upload one per platform) and the per-group installers agents download.</summary>
public static class InstallerApi
{
    public static IEndpointRouteBuilder MapInstallerApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("api/installers").WithTags("Installers").RequireAuthorization(Policies.Admin);
        // The store enforces its own package size limit (Broker:Installers:MaxPackageSize) while it streams.
        admin.MapPut("{platform}", UploadInstaller).WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        admin.MapGet("", ListInstallers);
        routes.MapGet("api/device-groups/{id:guid}/installer/{platform}", DownloadGroupInstaller)
            .WithTags("Installers").RequireAuthorization(Policies.Agent);
        return routes;
    }

    /// <summary>The request body is the package; <c>?fileName=</c> names it (default: the platform's name).</summary>
    public static async Task<Results<Ok<InstallerResponse>, ValidationProblem, ProblemHttpResult>> UploadInstaller(
        string platform, string? fileName, HttpRequest request, IInstallerStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!InstallerPlatforms.TryParse(platform, out var parsed))
        {
            return UnknownPlatform();
        }

        var body = new PeekStream(request.Body);
        if (parsed == InstallerPlatform.LinuxX64 && !GroupInstallerPackager.LooksLikeGzip(await body.PeekAsync(2, cancellationToken)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = ["The linux-x64 package must be a .tar.gz of the published broker-endpoint (see tools/publish-linux-installer.sh)."],
            });
        }

        try
        {
            var stored = await store.SaveAsync(parsed, fileName ?? parsed.Name(), body, cancellationToken);
            await audit.RecordAsync("installer.upload", parsed.Name(), AuditOutcomes.Success, $"{stored.FileName}, {stored.Size} bytes, sha256 {stored.Sha256}");
            return TypedResults.Ok(ToResponse(stored));
        }
        catch (InstallerTooLargeException tooLarge)
        {
            await audit.RecordAsync("installer.upload", parsed.Name(), AuditOutcomes.Failure, tooLarge.Message);
            return TypedResults.Problem(detail: tooLarge.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Package too large");
        }
    }

    public static async Task<Ok<InstallerResponse[]>> ListInstallers(IInstallerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(ToResponse).ToArray());

    /// <summary>The group's installer: the base package carrying the group's current enrollment code (docs/installers.md).</summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> DownloadGroupInstaller(
        Guid id, string platform, ClaimsPrincipal user, HttpRequest request, IGrainFactory grains, IInstallerStore store,
        IOptions<BrokerOptions> options, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!InstallerPlatforms.TryParse(platform, out var parsed))
        {
            return UnknownPlatform();
        }

        if (!await grains.GetGrain<IAgentGrain>(user.AgentId()).CanReach(id) || (await grains.GetGrain<IDeviceGroupGrain>(id).Get()) is not { IsOk: true } group)
        {
            return TypedResults.Problem(detail: "The device group does not exist or is not one of yours.", statusCode: StatusCodes.Status404NotFound);
        }

        if (group.Value!.EnrollmentCode is not { } code)
        {
            return TypedResults.Problem(detail: "The device group's enrollment code is revoked: an admin must rotate it first.", statusCode: StatusCodes.Status409Conflict);
        }

        if (await store.OpenReadAsync(parsed, cancellationToken) is not { } package)
        {
            return TypedResults.Problem(detail: $"No {parsed.Name()} installer has been uploaded yet.", statusCode: StatusCodes.Status404NotFound);
        }

        var server = options.Value.PublicUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        await audit.RecordAsync("installer.download", $"{id}/{parsed.Name()}", AuditOutcomes.Success);
        return TypedResults.Stream(
            async output =>
            {
                await using (package)
                {
                    await GroupInstallerPackager.WriteAsync(parsed, package, output, server, code, cancellationToken);
                }
            },
            parsed == InstallerPlatform.LinuxX64 ? "application/gzip" : "application/octet-stream",
            GroupInstallerPackager.FileName(parsed, code));
    }

    private static ProblemHttpResult UnknownPlatform() => TypedResults.Problem(
        detail: $"Unknown platform; use one of: {string.Join(", ", Enum.GetValues<InstallerPlatform>().Select(p => p.Name()))}.",
        statusCode: StatusCodes.Status404NotFound);

    private static InstallerResponse ToResponse(StoredInstaller stored) =>
        new(stored.Platform, stored.FileName, stored.Size, stored.Sha256, stored.UploadedAt);
}

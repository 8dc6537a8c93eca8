using Microsoft.Extensions.FileProviders;

namespace Broker.Server.WebConsole;

/// <summary>
/// The web console: the files of <c>wwwroot/</c> (built from <c>src/Broker.Console</c> by <c>tools/build-console.sh</c>),
/// embedded in this assembly so every host serves the same console wherever it runs from. <c>/</c> is its
/// <c>index.html</c>; its pages are hash routes (<c>/#/devices</c>), so no fallback route can shadow an API route or hub.
/// </summary>
public static class WebConsoleExtensions
{
    /// <summary>What the console may load and connect to: only this broker (its API and its hubs).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseWebConsole(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebConsoleExtensions).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;

                // The console is small and changes with the broker: the browser revalidates (ETag) instead of keeping an old one.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}

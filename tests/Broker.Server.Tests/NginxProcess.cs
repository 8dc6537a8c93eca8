using System.Diagnostics;
using System.Text.RegularExpressions;
using Broker.Testing;

namespace Broker.Server.Tests;

/// <summary>
/// The repository's nginx example (infra/proxy/broker.conf) run by the real nginx in front of one broker host: its
/// upstream, listen port, TLS and log paths rewritten for loopback and a temporary folder, nothing else. Stopped on dispose.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static string Example => Path.Combine(RepositoryRoot(), "infra", "proxy", "broker.conf");

    public static string Executable => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is not installed (tools/test.sh installs Debian's nginx-light); the reverse-proxy tests need it.");

    /// <summary><c>nginx -t</c> of the example as written, wrapped in a main configuration (its certificates made up).</summary>
    public static (int ExitCode, string Output) Check()
    {
        var folder = NewFolder();
        var example = File.ReadAllText(Example);
        var certificate = Certificates.SelfSigned(folder);
        example = example.Replace("/etc/ssl/broker/fullchain.pem", certificate.Certificate).Replace("/etc/ssl/broker/privkey.pem", certificate.Key)
            .Replace("/var/log/nginx/", folder + "/");
        try
        {
            var main = MainConfig(folder, WriteSite(folder, example));
            return Run(["-t", "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", main]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<NginxProcess> StartAsync(BrokerHost upstream)
    {
        var folder = NewFolder();
        var port = LoopbackPort.Next();
        var example = File.ReadAllText(Example);
        example = UpstreamServers().Replace(example, $"\n    server {upstream.Address.Host}:{upstream.Address.Port};");
        example = example.Replace("listen 80;", $"listen 127.0.0.1:{LoopbackPort.Next()};")
            .Replace("listen 443 ssl;", $"listen 127.0.0.1:{port};")
            .Replace("/var/log/nginx/", folder + "/");
        example = TlsLines().Replace(example, "");
        var main = MainConfig(folder, WriteSite(folder, example));
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", main, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                var why = $"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {nginx.ErrorLog}";
                await nginx.DisposeAsync();
                throw new InvalidOperationException(why);
            }

            try
            {
                await http.GetAsync(new Uri(nginx.Address, "/health/live"), TestContext.Current.CancellationToken);
                return nginx;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException exception)
            {
                var why = $"nginx did not answer within 15 s: {exception.Message} {nginx.ErrorLog}";
                await nginx.DisposeAsync();
                throw new InvalidOperationException(why);
            }
        }
    }

    public string AccessLog => File.Exists(Path.Combine(_folder, "broker.access.log")) ? File.ReadAllText(Path.Combine(_folder, "broker.access.log")) : "";

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        // The whole tree: killed alone, the master would leave its worker behind.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "broker-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string WriteSite(string folder, string site)
    {
        var path = Path.Combine(folder, "broker.conf");
        File.WriteAllText(path, site);
        return path;
    }

    /// <summary>What Debian's /etc/nginx/nginx.conf gives a conf.d file, with every path in the temporary folder.</summary>
    private static string MainConfig(string folder, string site)
    {
        var path = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(path, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                access_log {{folder}}/access.log;
                include {{site}};
            }
            """);
        return path;
    }

    private static (int, string) Run(string[] args)
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "nginx -t did not finish");
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        var here = AppContext.BaseDirectory;
        return here[..here.IndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"(\s*server 10\.0\.0\.\d+:5080[^;]*;)+")]
    private static partial Regex UpstreamServers();

    [GeneratedRegex(@"\s*ssl_certificate(_key)?\s+[^;]+;")]
    private static partial Regex TlsLines();
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.Enrollment;

namespace Broker.LoadTest;

/// <summary>
/// Mass deployment: N endpoints enrol at once with one group's enrollment code. Measured against a baseline in the same
/// run: the same number of requests at the same concurrency to <c>/health/live</c>, which does no work, so the ratio
/// shows what enrolment costs beyond HTTP.
/// </summary>
public static class EnrollmentBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args, TextWriter output)
    {
        await using var started = args.Server is null ? await BrokerHosts.StartAsync(BrokerHosts.Locate(args.BrokerDll), 1, args.AdminEmail, args.AdminPassword) : null;
        var server = args.Server ?? started!.Hosts[0].Address;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = args.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(120),
        };
        using var limit = new CancellationTokenSource(args.Limit);

        var code = await CreateGroupAsync(http, args);
        var baseline = await RunAsync(args, _ => http.GetAsync(Routes.HealthLive, limit.Token), limit.Token);
        var enrolment = await RunAsync(args, i => http.PostAsJsonAsync(Routes.Enroll,
            new EnrollRequest(EnrollMethods.Installer, $"loadtest-machine-{Guid.NewGuid():N}", $"PC-{i:D5}", "Linux (load test)", EnrollmentCode: code),
            BrokerJson.Options, limit.Token), limit.Token);

        output.WriteLine($"mass enrolment: {args.Devices} devices, concurrency {args.Concurrency}, server {server}");
        output.WriteLine(baseline.Describe("baseline /health/live"));
        output.WriteLine(enrolment.Describe("enrol (installer)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio enrol/baseline: throughput {enrolment.PerSecond / baseline.PerSecond:F3}, p50 latency {enrolment.P50 / baseline.P50:F1}x"));
        if (started is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"broker peak memory (VmHWM): {started.Hosts[0].PeakMemoryMiB():F0} MiB"));
        }

        return enrolment.Failures == 0 ? 0 : 1;
    }

    private static async Task<string> CreateGroupAsync(HttpClient http, BenchmarkArgs args)
    {
        var login = await (await http.PostAsJsonAsync(Routes.Login, new LoginRequest(args.AdminEmail, args.AdminPassword), BrokerJson.Options))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<LoginResponse>(BrokerJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.DeviceGroups)
        {
            Content = JsonContent.Create(new CreateDeviceGroupRequest($"Load test {Guid.NewGuid():N}"), options: BrokerJson.Options),
        };
        request.Headers.Authorization = new("Bearer", login!.AccessToken);
        var group = await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<DeviceGroupResponse>(BrokerJson.Options);
        return group!.EnrollmentCode!;
    }

    private static async Task<Measurement> RunAsync(BenchmarkArgs args, Func<int, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var latencies = new double[args.Devices];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, args.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < args.Devices && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await send(i);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        return new Measurement(args.Devices, failures, clock.Elapsed, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    private sealed record Measurement(int Requests, int Failures, TimeSpan Elapsed, double P50, double P99)
    {
        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public string Describe(string name) => string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Requests} requests in {Elapsed.TotalSeconds:F2} s = {PerSecond:F0}/s, latency p50 {P50:F1} ms, p99 {P99:F1} ms, failures {Failures}");
    }
}

using System.Globalization;
using System.Net;

namespace Broker.Server.Tests;

/// <summary>One scrape of a host's <c>/metrics</c> (Prometheus text format), read as a test reads a dashboard.</summary>
public sealed class Scrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var labelsStart = line.IndexOf('{');
            var labelsEnd = line.LastIndexOf('}');
            var name = labelsStart < 0 ? line[..line.IndexOf(' ')] : line[..labelsStart];
            var labels = labelsStart < 0 ? "" : line[(labelsStart + 1)..labelsEnd];
            var rest = line[((labelsStart < 0 ? name.Length : labelsEnd + 1))..].Trim().Split(' ')[0];
            _samples.Add((name, labels, double.Parse(rest, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<Scrape> OfAsync(BrokerHost host)
    {
        using var http = host.CreateClient();
        var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The sum of a metric's samples whose labels include every one of <paramref name="labels"/> (<c>kind="attended"</c>).</summary>
    public double Value(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Split(',').Contains(l))).Sum(s => s.Value);

    /// <summary>Polls a host's metric until it satisfies <paramref name="condition"/>; fails with what it last saw.</summary>
    public static async Task<double> UntilAsync(BrokerHost host, string name, Func<double, bool> condition, string what, params string[] labels)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = (await OfAsync(host)).Value(name, labels);
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}: {name} is {value}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

namespace Broker.Integration.Tests.Cluster;

/// <summary>brokerctl run in this process, exactly as its command line would run it.</summary>
public static class Brokerctl
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Broker.Cli.Cli.RunAsync(args, stdout, stderr, new StringReader(""));
        return (code, stdout.ToString(), stderr.ToString());
    }
}

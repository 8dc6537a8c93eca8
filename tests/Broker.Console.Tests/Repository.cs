namespace Broker.Console.Tests;

/// <summary>Paths in the checkout these tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = AppContext.BaseDirectory[..AppContext.BaseDirectory.IndexOf(
        $"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}

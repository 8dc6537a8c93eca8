namespace Broker.Server.Tests;

/// <summary>Finds a program of this repository as built in the same configuration as the tests (project references build it first).</summary>
public static class BuiltProgram
{
    public static string Locate(string projectFolder, string dll) => Path.Combine(OutputFolder(projectFolder), dll) is var path && File.Exists(path)
        ? path
        : throw new FileNotFoundException($"{dll} is not built", path);

    public static string OutputFolder(string projectFolder)
    {
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(here)).Parent!.Name;
        var root = here[..here.IndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
        return Path.Combine(root, projectFolder, "bin", configuration, "net10.0");
    }
}

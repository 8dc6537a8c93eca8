using System.Globalization;
using System.Reflection;

namespace Broker.Schema;

/// <summary>One schema script: its version (the number its file name starts with), its name and its SQL.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    public static SchemaScript FromResource(Assembly assembly, string resource, string fileName)
    {
        var digits = new string([.. fileName.TakeWhile(char.IsAsciiDigit)]);
        if (digits.Length == 0)
        {
            throw new InvalidOperationException($"Schema script '{fileName}' must start with its version number.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(int.Parse(digits, CultureInfo.InvariantCulture), fileName, reader.ReadToEnd());
    }
}

using System.Globalization;
using System.Text.Json;

namespace Broker.Cli;

/// <summary>How values read in text output: the same words as on the wire, times in UTC.</summary>
internal static class Format
{
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Enum<T>(T value)
        where T : struct, System.Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Ids(IReadOnlyList<Guid> ids) => ids.Count == 0 ? "(none)" : string.Join(", ", ids);

    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}

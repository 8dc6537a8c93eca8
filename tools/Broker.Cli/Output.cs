using System.Text.Encodings.Web;
using System.Text.Json;
using Broker.Contracts;

namespace Broker.Cli;

/// <summary>Writes results to stdout: aligned tables and key: value lines for people, the broker's JSON for scripts.</summary>
internal sealed class Output(TextWriter stdout, bool json)
{
    // This JSON goes to a terminal or a script, never into HTML, so names and offsets such as "+00:00" stay as typed
    // instead of becoming \u escapes.
    private static readonly JsonWriterOptions IndentedJson = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool Json => json;

    /// <summary>The JSON for --json, otherwise what <paramref name="render"/> writes.</summary>
    public void Show<T>(Reply<T> reply, Action<T> render)
    {
        if (json)
        {
            WriteJson(reply.Json);
        }
        else
        {
            render(reply.Value);
        }
    }

    /// <summary>Shows a list as a table; in text mode an empty list says so in words.</summary>
    public void ShowList<T>(Reply<T[]> reply, string nothing, IReadOnlyList<string> headers, Func<T, IReadOnlyList<string>> row) =>
        Show(reply, items =>
        {
            if (items.Length == 0)
            {
                stdout.WriteLine(nothing);
            }
            else
            {
                Table(headers, items.Select(row));
            }
        });

    /// <summary>Re-indents JSON for a person reading a script's output; the content stays exactly what the broker sent.</summary>
    public void WriteJson(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, IndentedJson))
        {
            document.WriteTo(writer);
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Writes a value of ours (not the broker's) as JSON, for commands whose answer must not be echoed, like login.</summary>
    public void WriteJson<T>(T value) => WriteJson(JsonSerializer.Serialize(value, BrokerJson.Options));

    public void Line(string text) => stdout.WriteLine(text);

    public void Fields(params IReadOnlyList<(string Key, string Value)> fields)
    {
        var width = fields.Max(field => field.Key.Length) + 1;
        foreach (var (key, value) in fields)
        {
            stdout.WriteLine($"{(key + ":").PadRight(width)} {value}");
        }
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(headers).ToList();
        var widths = headers.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            // The last column is not padded, so lines carry no trailing spaces.
            stdout.WriteLine(string.Join("  ", row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd());
        }
    }
}

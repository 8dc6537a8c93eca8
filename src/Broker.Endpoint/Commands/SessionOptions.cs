using System.CommandLine;
using System.CommandLine.Parsing;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Connection;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Commands;

/// <summary>
/// The options of <c>run</c> and <c>join</c> that say how the hub connection talks and what sessions send:
/// <c>--protocol</c>, <c>--fps</c>, <c>--frame-size</c> and <c>--codec</c>, each refused in words at parse time when bad.
/// </summary>
internal sealed class SessionOptions
{
    public Option<DeviceHubProtocol> Protocol { get; } = Choice(
        "--protocol", "How hub messages are encoded: messagepack (binary frames; the default) or json",
        DeviceHubProtocol.MessagePack, new() { ["messagepack"] = DeviceHubProtocol.MessagePack, ["json"] = DeviceHubProtocol.Json });

    public Option<int> Fps { get; } = FramesPerSecond();

    public Option<FrameSize> Size { get; } = FrameSizeOption();

    public Option<string> Codec { get; } = Choice(
        "--codec", "How frames are encoded: png (the default; browsers draw it as it comes) or raw-bgra (uncompressed)",
        FrameCodecs.Png, FrameEncoder.Codecs.ToDictionary(codec => codec));

    public void AddTo(Command command)
    {
        command.Options.Add(Protocol);
        command.Options.Add(Fps);
        command.Options.Add(Size);
        command.Options.Add(Codec);
        command.Validators.Add(RawFramesFit);
    }

    public FrameSettings Frames(ParseResult parse) => new(parse.GetValue(Fps), parse.GetValue(Size), parse.GetValue(Codec)!);

    /// <summary>The broker fails an upload at the first frame over its limit, so a size that could never fit is refused here.</summary>
    /// <remarks>Read from the tokens: a value that did not parse has its own error, and asking for it would throw.</remarks>
    private void RawFramesFit(CommandResult result)
    {
        var codec = result.GetResult(Codec)?.Tokens is [{ Value: var word }] ? word : FrameCodecs.Png;
        var size = result.GetResult(Size)?.Tokens is [{ Value: var text }] ? text : FrameSize.Default.ToString();
        if (codec.Equals(FrameCodecs.RawBgra, StringComparison.OrdinalIgnoreCase)
            && FrameSize.TryParse(size, out var frames) && frames.RawBytes > Frame.MaxDataBytes)
        {
            result.AddError($"--frame-size {frames} with --codec raw-bgra makes frames of {frames.RawBytes} bytes, over the broker's limit of "
                + $"{Frame.MaxDataBytes} (4 MiB): use --codec png, or a size of at most 1048576 pixels (e.g. 1280x800)");
        }
    }

    private static Option<int> FramesPerSecond()
    {
        var option = new Option<int>("--fps")
        {
            Description = $"Frames a second each session sends (default {FrameSettings.DefaultFps}); when the upload falls behind, "
                + "frames are skipped, never queued",
            HelpName = "N",
            DefaultValueFactory = _ => FrameSettings.DefaultFps,
        };
        option.Validators.Add(result =>
        {
            // A value that is no number at all gets the parser's own error.
            if (result.Tokens is [{ Value: var value }] && int.TryParse(value, out var fps) && fps is < 1 or > FrameSettings.MaxFps)
            {
                result.AddError($"--fps takes a whole number of frames a second, from 1 to {FrameSettings.MaxFps}");
            }
        });
        return option;
    }

    private static Option<FrameSize> FrameSizeOption() => new("--frame-size")
    {
        Description = $"The size of the frames in pixels (default {FrameSize.Default})",
        HelpName = "WIDTHxHEIGHT",
        DefaultValueFactory = _ => FrameSize.Default,
        CustomParser = result =>
        {
            if (result.Tokens is not [{ Value: var value }])
            {
                return FrameSize.Default;
            }

            if (FrameSize.TryParse(value, out var size))
            {
                return size;
            }

            result.AddError($"'{value}' is not a valid value for --frame-size: use WIDTHxHEIGHT in pixels, e.g. 1280x720, "
                + $"each side at least {FrameSize.MinSide} and at most {FrameSize.Max}");
            return default;
        },
    };

    /// <summary>An option that takes one of a few words, refusing anything else with the list of them.</summary>
    private static Option<T> Choice<T>(string name, string description, T defaultValue, Dictionary<string, T> values)
    {
        var words = values.Keys.ToList();
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', words),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens is not [{ Value: var value }])
                {
                    return defaultValue;
                }

                if (values.TryGetValue(value.ToLowerInvariant(), out var chosen))
                {
                    return chosen;
                }

                result.AddError($"'{value}' is not a valid value for {name}: use {string.Join(" or ", words)}");
                return defaultValue;
            },
        };
        option.CompletionSources.Add([.. words]);
        return option;
    }
}

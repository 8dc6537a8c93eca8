using Broker.Contracts.Hubs;

namespace Broker.Grains.Sessions;

/// <summary>How a <see cref="Frame"/> crosses hosts: the same fields; the data array is passed on, never copied here.</summary>
[GenerateSerializer, Immutable, Alias("Broker.FrameSurrogate")]
public readonly record struct FrameSurrogate(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] long CapturedAtUnixMs,
    [property: Id(3)] int Width,
    [property: Id(4)] int Height,
    [property: Id(5)] string Codec,
    [property: Id(6)] byte[] Data,
    [property: Id(7)] bool KeyFrame);

[RegisterConverter]
public sealed class FrameSurrogateConverter : IConverter<Frame, FrameSurrogate>
{
    public Frame ConvertFromSurrogate(in FrameSurrogate s) => new(s.SessionId, s.Seq, s.CapturedAtUnixMs, s.Width, s.Height, s.Codec, s.Data, s.KeyFrame);

    public FrameSurrogate ConvertToSurrogate(in Frame f) => new(f.SessionId, f.Seq, f.CapturedAtUnixMs, f.Width, f.Height, f.Codec, f.Data, f.KeyFrame);
}

/// <summary>How an <see cref="InputEvent"/> crosses hosts.</summary>
[GenerateSerializer, Immutable, Alias("Broker.InputEventSurrogate")]
public readonly record struct InputEventSurrogate(
    [property: Id(0)] string Kind,
    [property: Id(1)] double? X,
    [property: Id(2)] double? Y,
    [property: Id(3)] int? Button,
    [property: Id(4)] string? Key,
    [property: Id(5)] string? Text);

[RegisterConverter]
public sealed class InputEventSurrogateConverter : IConverter<InputEvent, InputEventSurrogate>
{
    public InputEvent ConvertFromSurrogate(in InputEventSurrogate s) => new(s.Kind, s.X, s.Y, s.Button, s.Key, s.Text);

    public InputEventSurrogate ConvertToSurrogate(in InputEvent i) => new(i.Kind, i.X, i.Y, i.Button, i.Key, i.Text);
}

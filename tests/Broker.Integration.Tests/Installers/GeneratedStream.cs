using System.Security.Cryptography;

namespace Broker.Integration.Tests.Installers;

/// <summary>
/// A forward-only stream of <paramref name="length"/> bytes computed from their position, so a test can upload any size
/// without holding it, and can stop halfway the way a client that goes away does.
/// </summary>
public sealed class GeneratedStream(long length, int seed = 0) : Stream
{
    private long _position;
    private bool _interrupted;

    /// <summary>Where <see cref="Interrupt"/> happens; never when null.</summary>
    public long? InterruptAt { get; init; }

    /// <summary>What happens at <see cref="InterruptAt"/>; by default the read fails as when the connection drops.</summary>
    public Action Interrupt { get; init; } = () => throw new IOException("The upload's connection was lost.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of what such a stream yields, lowercase hex.</summary>
    public static string Sha256(long length, int seed = 0) => Convert.ToHexStringLower(SHA256.HashData(new GeneratedStream(length, seed)));

    /// <summary>The bytes of such a stream, for small ones.</summary>
    public static byte[] Bytes(long length, int seed = 0)
    {
        var bytes = new byte[length];
        new GeneratedStream(length, seed).ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (InterruptAt is { } at && !_interrupted && _position >= at)
        {
            _interrupted = true;
            Interrupt();
        }

        var end = Math.Min(length, InterruptAt is { } next && !_interrupted ? Math.Min(next, _position + buffer.Length) : _position + buffer.Length);
        var count = (int)(end - _position);
        for (var i = 0; i < count; i++)
        {
            var position = (ulong)(_position + i);
            buffer[i] = (byte)(((position * 0x9E3779B97F4A7C15UL) >> 56) ^ (position >> 12) ^ (ulong)seed);
        }

        _position = end;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace Broker.Server.Installers;

/// <summary>A read-only stream that can look at its first bytes before they are read, without buffering the rest.</summary>
public sealed class PeekStream(Stream inner) : Stream
{
    private byte[] _head = [];
    private int _headOffset;

    /// <summary>Reads up to <paramref name="count"/> first bytes ahead; they are read again by the stream's reader.</summary>
    public async Task<byte[]> PeekAsync(int count, CancellationToken cancellationToken)
    {
        var head = new byte[count];
        var read = await inner.ReadAtLeastAsync(head, count, throwOnEndOfStream: false, cancellationToken);
        _head = head[..read];
        return _head;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length of a request body is not known.");

    public override long Position { get => throw new NotSupportedException("Not seekable."); set => throw new NotSupportedException("Not seekable."); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headOffset < _head.Length)
        {
            var n = Math.Min(buffer.Length, _head.Length - _headOffset);
            _head.AsSpan(_headOffset, n).CopyTo(buffer);
            _headOffset += n;
            return n;
        }

        return inner.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_headOffset < _head.Length)
        {
            var n = Math.Min(buffer.Length, _head.Length - _headOffset);
            _head.AsMemory(_headOffset, n).CopyTo(buffer);
            _headOffset += n;
            return n;
        }

        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Not seekable.");

    public override void SetLength(long value) => throw new NotSupportedException("Read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read-only.");
}

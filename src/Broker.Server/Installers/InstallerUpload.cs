using System.Security.Cryptography;

namespace Broker.Server.Installers;

/// <summary>
/// Reads an upload chunk by chunk, hashing and counting what goes by, and refuses it as soon as it passes the limit,
/// so neither store ever holds more than one chunk in memory.
/// </summary>
internal sealed class InstallerUpload(Stream content, long maxSize) : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The bytes read so far.</summary>
    public long Size { get; private set; }

    /// <summary>Refuses a seekable upload whose length is already known to be too large, before anything is written.</summary>
    public void RefuseKnownOversize()
    {
        if (content.CanSeek && content.Length - content.Position > maxSize)
        {
            throw new InstallerTooLargeException(maxSize);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the content goes; fewer bytes than asked means the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        Size += filled;
        if (Size > maxSize)
        {
            throw new InstallerTooLargeException(maxSize);
        }

        _sha256.AppendData(buffer.Span[..filled]);
        return filled;
    }

    /// <summary>The SHA-256 of everything read, lowercase hex; call once, after the end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_sha256.GetHashAndReset());

    public void Dispose() => _sha256.Dispose();
}

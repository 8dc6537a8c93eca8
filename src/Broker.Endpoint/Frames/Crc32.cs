namespace Broker.Endpoint.Frames;

/// <summary>
/// CRC-32 as PNG (and zlib's gzip, Ethernet) defines it: reflected polynomial 0xEDB88320, starting from all ones and
/// inverted at the end. PNG puts one after every chunk, over its type and data.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    /// <summary>The running value before the first byte.</summary>
    public const uint Start = 0xFFFFFFFF;

    /// <summary>Adds <paramref name="data"/> to a running value, so a checksum can span several pieces (a chunk's type and its data).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => ~crc;

    /// <summary>The remainder of each byte value, so that <see cref="Update"/> takes one step per byte instead of eight.</summary>
    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

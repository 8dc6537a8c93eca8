using System.Text;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

public sealed class Crc32Tests
{
    [Fact]
    public void The_checksum_of_the_standard_check_string_is_CBF43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Every_PNG_file_ends_with_the_same_IEND_checksum()
    {
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void A_checksum_can_be_taken_in_pieces()
    {
        var whole = Encoding.ASCII.GetBytes("IHDR and its data");

        var pieces = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, whole.AsSpan(0, 4)), whole.AsSpan(4)));

        Assert.Equal(Crc32.Compute(whole), pieces);
        Assert.Equal(0u ^ 0xFFFFFFFF ^ 0xFFFFFFFF, Crc32.Compute([]));
    }
}

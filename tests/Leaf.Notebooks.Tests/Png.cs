using System.Buffers.Binary;

namespace Leaf.Notebooks.Tests;

/// <summary>Checks on PNG files.</summary>
internal static class Png
{
    // PNG: 8-byte signature, then the IHDR chunk whose data starts with big-endian width and height; IEND closes it.
    public static void AssertSize(byte[] png, int width, int height)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal("IEND"u8.ToArray(), png[^8..^4]);
    }
}

using System.Text;

namespace Leaf.Cli;

/// <summary>Writes NumPy <c>.npy</c> files (format 1.0, little-endian float32, C order), readable by <c>numpy.load</c>.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="values"/> with the given shape to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, params int[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length) throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {count} values, got {values.Length}");
        byte[] data = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray(); // x86-64/ARM64 are little-endian
        WriteFloat32(path, shape, stream => stream.Write(data));
    }

    /// <summary>
    /// Writes an array of the given shape atomically, its values written by <paramref name="writeValues"/> as little-endian
    /// float32 bytes in C order (for arrays produced piece by piece).
    /// </summary>
    /// <exception cref="InvalidDataException"><paramref name="writeValues"/> wrote another number of bytes than the shape holds.</exception>
    public static void WriteFloat32(string path, int[] shape, Action<Stream> writeValues)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // magic (6) + version (2) + header length (2) + header + '\n', padded with spaces to a multiple of 64
        int total = (10 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - 10 - 1) + "\n";
        Leaf.Audio.AtomicFile.Write(path, stream =>
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            stream.Write(BitConverter.GetBytes((ushort)header.Length));
            stream.Write(Encoding.ASCII.GetBytes(header));
            long start = stream.Position;
            writeValues(stream);
            if (stream.Position - start != count * sizeof(float))
                throw new InvalidDataException($"{path}: shape [{string.Join(", ", shape)}] needs {count} values, got {(stream.Position - start) / sizeof(float)}");
        });
    }
}

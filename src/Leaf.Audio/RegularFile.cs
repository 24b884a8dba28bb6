using System.Runtime.InteropServices;

namespace Leaf.Audio;

/// <summary>
/// Only regular files (or links to them) are read as audio or models: a FIFO would block the reader forever waiting
/// for a writer, and a device (<c>/dev/zero</c>, <c>/dev/urandom</c>) never ends. On Unix the file type comes from
/// <c>stat</c> (through .NET's own native shim, which every .NET runtime on Unix ships); elsewhere every existing file counts as regular.
/// </summary>
public static class RegularFile
{
    private const int TypeMask = 0xF000, Fifo = 0x1000, CharacterDevice = 0x2000, Folder = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Socket = 0xC000;

    /// <summary>What <paramref name="path"/> is when it exists and is not a regular file (following links): "a FIFO (named pipe)", "a device", …; null for a regular file or a path that does not exist.</summary>
    public static string? Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return Directory.Exists(path) ? "a folder" : null;
        var status = new byte[256]; // .NET's FileStatus (about 130 bytes); Mode is the second int32
        if (Stat(path, status) != 0) return null;
        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            Regular => null,
            Fifo => "a FIFO (named pipe)",
            CharacterDevice or BlockDevice => "a device",
            Folder => "a folder",
            Socket => "a socket",
            _ => "not a regular file",
        };
    }

    /// <summary>Whether <paramref name="path"/> exists and is a regular file or a link to one.</summary>
    public static bool Is(string path) => File.Exists(path) && Describe(path) is null;

    /// <summary>Refuses <paramref name="path"/> when it exists and is not a regular file (a missing file is left to the caller's open).</summary>
    /// <exception cref="IOException">It is a FIFO, a device, a socket or a folder; the message names it.</exception>
    public static void Require(string path)
    {
        if (Describe(path) is string what)
            throw new IOException($"{path}: is {what}, not a regular file; only regular files (or links to them) are read");
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}

using System;
using System.IO;
using System.Text;

// MSBuild task source (compiled by RoslynCodeTaskFactory from build/TorchSharpNativeFix.targets).
// Rewrites the GLIBCXX_3.4.32 version requirement of an ELF64 little-endian shared object to GLIBCXX_3.4.30
// when the system libstdc++ does not provide 3.4.32. Idempotent; writes via a temporary file and rename.
public class PatchGlibcxxVersionRequirement : Microsoft.Build.Utilities.Task
{
    private const string Wanted = "GLIBCXX_3.4.32";
    private const string Available = "GLIBCXX_3.4.30";
    private const uint ShtGnuVerneed = 0x6ffffffe;

    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

    public override bool Execute()
    {
        if (SystemLibstdcxxProvides(Wanted)) return true;
        foreach (var item in Files)
        {
            string path = item.ItemSpec;
            try
            {
                byte[] elf = File.ReadAllBytes(path);
                if (!Patch(elf)) continue;
                string tmp = path + ".leafpatch.tmp";
                File.WriteAllBytes(tmp, elf);
                File.Replace(tmp, path, null); // rename over the copy: never writes through a hard link
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    "LEAF: patched " + Wanted + " -> " + Available + " in " + path + " (system libstdc++ lacks " + Wanted + ")");
            }
            catch (Exception e)
            {
                Log.LogError("LEAF: could not patch " + path + ": " + e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static bool SystemLibstdcxxProvides(string version)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        foreach (string c in candidates)
        {
            if (!File.Exists(c)) continue;
            return IndexOf(File.ReadAllBytes(c), Encoding.ASCII.GetBytes(version + "\0"), 0) >= 0;
        }
        return true; // no system libstdc++ found where expected: leave the library as shipped
    }

    /// <summary>Returns true when a requirement was rewritten, false when there was nothing to do.</summary>
    private static bool Patch(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a little-endian ELF64 file");
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        bool patched = false;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
            int count = (int)BitConverter.ToUInt32(elf, (int)sh + 0x2C);
            long strOffset = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);
            long vn = offset;
            for (int n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(elf, (int)vn + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int nameOffset = (int)(strOffset + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (ReadCString(elf, nameOffset) == Wanted)
                    {
                        Encoding.ASCII.GetBytes(Available).CopyTo(elf, nameOffset); // same length, in place
                        BitConverter.GetBytes(ElfHash(Available)).CopyTo(elf, (int)aux);
                        patched = true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                vn += BitConverter.ToUInt32(elf, (int)vn + 12);
            }
        }
        return patched;
    }

    private static string ReadCString(byte[] data, int offset)
    {
        int end = offset;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, offset, end - offset);
    }

    // The System V ABI's ELF hash, used for vna_hash.
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char ch in name)
        {
            h = (h << 4) + ch;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (int i = start; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}

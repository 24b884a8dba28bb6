using System.Diagnostics;
using Leaf.Tests;

namespace Leaf.Audio.Tests;

/// <summary>
/// Files that would hang or mislead a reader: FIFOs and devices are refused by name and skipped by folder scans, linked
/// folders do not loop, and ffmpeg reads nothing but the given file (no playlist following).
/// </summary>
public class UntrustedFilesTests
{
    private static void MakeFifo(string path) => Tools.Run("mkfifo", path);

    [Fact]
    public async Task AFifoOrDeviceGivenByNameIsRefusedAtOnceNamingIt()
    {
        using var dir = new TempDirectory();
        string fifo = dir.File("pipe.wav");
        MakeFifo(fifo);
        var load = Task.Run(() => AudioFile.Load(fifo)); // a reader that opened it would wait for a writer forever
        var e = await Assert.ThrowsAsync<AudioFormatException>(() => load.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal($"{fifo}: is a FIFO (named pipe), not a regular file; only regular files (or links to them) are read", e.Message);
        Assert.Contains("is a device", Assert.Throws<AudioFormatException>(() => AudioFile.Load("/dev/zero")).Message);
        Assert.Contains("is a FIFO", Assert.Throws<AudioFormatException>(() => AudioFile.ReadInfo(fifo)).Message);
        Assert.Contains("is a FIFO", Assert.Throws<IOException>(() => RegularFile.Require(fifo)).Message);
    }

    [Fact]
    public void FolderScansListRegularFilesAndLinksToThemOnlyAndDoNotLoop()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.wav"), WavWriterBytes());
        Directory.CreateDirectory(dir.File("sub"));
        File.WriteAllBytes(dir.File("sub/b.wav"), WavWriterBytes());
        MakeFifo(dir.File("sub/pipe.wav"));
        File.CreateSymbolicLink(dir.File("link.wav"), dir.File("a.wav"));
        Directory.CreateSymbolicLink(dir.File("sub/up"), dir.Path); // a link to an ancestor
        var entries = FolderScan.Files(dir.Path, _ => true);
        Assert.Equal([dir.File("a.wav"), dir.File("link.wav"), dir.File("sub/b.wav")], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Null(e.Error));
    }

    [Fact]
    public void FfmpegDoesNotFollowAPlaylistToAnotherFile()
    {
        using var dir = new TempDirectory();
        string secret = dir.File("secret.mp3");
        Tools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=1", "-y", secret);
        Assert.InRange(AudioFile.Load(secret, new AudioLoadOptions { SampleRate = 16000 }).Samples.Length, 15000, 18000); // the segment itself decodes
        string playlist = dir.File("evil.flac"); // an HLS playlist under an audio name, naming the local file
        File.WriteAllText(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\nsecret.mp3\n#EXT-X-ENDLIST\n");
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load(playlist));
        Assert.StartsWith($"{playlist}: ffmpeg could not decode it", e.Message);
        Assert.Throws<AudioFormatException>(() => AudioFile.ReadInfo(playlist));
    }

    [Fact]
    public void AnOutputLockRefusesASecondWriterUntilReleased()
    {
        using var dir = new TempDirectory();
        string output = dir.File("runs/scores.csv");
        using (var first = OutputLock.ForFile(output))
        {
            Assert.True(Directory.Exists(dir.File("runs")));
            var e = Assert.Throws<IOException>(() => OutputLock.ForFile(output));
            Assert.StartsWith($"{output}: another process is writing it", e.Message);
            Assert.Contains(first.Path, e.Message);
            // A separate process sees the lock too: flock(1) cannot take it while it is held.
            Assert.Equal(1, FlockExitCode(first.Path));
        }
        Assert.False(File.Exists(dir.File("runs/.scores.csv.lock")));
        using (OutputLock.ForFile(output)) { }
        using (var folder = OutputLock.ForFolder(dir.File("run")))
        {
            Assert.Equal(dir.File("run/" + OutputLock.FolderLockName), folder.Path);
            Assert.Throws<IOException>(() => OutputLock.ForFolder(dir.File("run")));
        }
    }

    [Fact]
    public void AnOutputUnderAFileSaysWhichPartIsAFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("data"), "x");
        string output = dir.File("data/run/scores.csv");
        var e = Assert.Throws<IOException>(() => OutputLock.ForFile(output));
        Assert.Equal($"{output}: cannot create the folder {dir.File("data/run")}: {dir.File("data")} is a file, not a folder", e.Message);
        Assert.Contains($"{dir.File("data")} is a file", Assert.Throws<IOException>(() => AtomicFile.WriteText(output, "x")).Message);
    }

    private static byte[] WavWriterBytes()
    {
        using var stream = new MemoryStream();
        WavWriter.Write(stream, [0.1f, 0.2f], 16000);
        return stream.ToArray();
    }

    // flock -n on the lock file from another process: 0 when it got the lock, 1 when it is held.
    private static int FlockExitCode(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", path, "true"]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}

namespace Leaf.Audio;

/// <summary>
/// Random access to the frames of a WAV file without loading it: each read seeks to the requested frame and
/// decodes through one 64 KB buffer, so memory stays bounded by the size of the window asked for.
/// Windows come back mono (mean over channels) at the file's rate; resample them with
/// <see cref="PolyphaseResampler"/> if needed. Resampling a window on its own treats the audio outside it as
/// silence, which affects the first and last <see cref="PolyphaseResampler.HalfLength"/> input samples; read that
/// many extra frames on each side and trim them to avoid it. Not thread-safe (one file position).
/// Create one with <see cref="AudioFile.OpenWav(string)"/>.
/// </summary>
public sealed class WavStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataOffset;
    private readonly byte[] _buffer;

    internal WavStreamReader(Stream stream, bool leaveOpen, string source)
    {
        if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("a WAV reader needs a readable, seekable stream", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        Source = source;
        WavLayout layout = WavHeaderParser.Parse(stream, source);
        if (layout.FrameCount == 0) throw new AudioFormatException(source, "contains no audio samples (the data chunk holds no whole frame)");
        (Format, _dataOffset, FrameCount) = (layout.Format, layout.DataOffset, layout.FrameCount);
        _buffer = WavSampleDecoder.CreateBuffer(Format);
    }

    /// <summary>The file's format.</summary>
    public WavFormat Format { get; }

    /// <summary>Whole frames in the file (bounded by its real length, whatever the header claims).</summary>
    public long FrameCount { get; }

    /// <summary>The file's sample rate in Hz.</summary>
    public int SampleRate => Format.SampleRate;

    /// <summary>Length of the file: frames / rate.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>The file path or caller-given name, used in error messages.</summary>
    public string Source { get; }

    /// <summary>
    /// Reads mono frames starting at <paramref name="startFrame"/> into <paramref name="destination"/>, without allocating.
    /// Returns how many were read: <c>min(destination.Length, FrameCount − startFrame)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startFrame"/> is negative or beyond <see cref="FrameCount"/>.</exception>
    /// <exception cref="AudioFormatException">A sample is NaN/∞, or the file shrank since it was opened.</exception>
    public int Read(long startFrame, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startFrame, FrameCount);
        int total = (int)Math.Min(destination.Length, FrameCount - startFrame);
        int framesPerChunk = _buffer.Length / Format.BlockAlign;
        _stream.Position = _dataOffset + startFrame * Format.BlockAlign;
        for (int done = 0; done < total;)
        {
            int count = Math.Min(framesPerChunk, total - done);
            int bytes = count * Format.BlockAlign;
            if (_stream.ReadAtLeast(_buffer.AsSpan(0, bytes), bytes, throwOnEndOfStream: false) < bytes)
                throw new AudioFormatException(Source, $"ended early at frame {startFrame + done}: the file is shorter than when it was opened");
            WavSampleDecoder.DecodeMono(_buffer.AsSpan(0, bytes), Format, destination.Slice(done, count), startFrame + done, Source);
            done += count;
        }
        return total;
    }

    /// <summary>Reads up to <paramref name="frameCount"/> mono frames from <paramref name="startFrame"/> (fewer at the end of the file).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or a start outside [0, <see cref="FrameCount"/>].</exception>
    public float[] Read(long startFrame, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        var samples = new float[(int)Math.Min(frameCount, Math.Max(0, FrameCount - startFrame))];
        Read(startFrame, samples);
        return samples;
    }

    /// <summary>Reads the window [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), clipped to the file.</summary>
    public float[] Read(TimeSpan start, TimeSpan length) =>
        Read((long)Math.Round(start.TotalSeconds * SampleRate), checked((int)Math.Round(length.TotalSeconds * SampleRate)));

    /// <summary>The file from <paramref name="startFrame"/> to its end, as consecutive mono blocks of <paramref name="blockFrames"/> (the last may be shorter).</summary>
    public IEnumerable<float[]> ReadBlocks(int blockFrames, long startFrame = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startFrame, FrameCount);
        return Blocks(blockFrames, startFrame);
    }

    /// <summary>Every frame of the file in one array.</summary>
    /// <exception cref="AudioFormatException">More frames than fit in one array; read windows instead.</exception>
    public float[] ReadAll()
    {
        if (FrameCount > Array.MaxLength)
            throw new AudioFormatException(Source, $"{FrameCount} frames are too many to load at once; read windows with AudioFile.OpenWav");
        return Read(0, (int)FrameCount);
    }

    /// <summary>Closes the file (unless the stream was handed over with leaveOpen).</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    private IEnumerable<float[]> Blocks(int blockFrames, long startFrame)
    {
        for (long start = startFrame; start < FrameCount; start += blockFrames) yield return Read(start, blockFrames);
    }
}

namespace Leaf.Audio;

/// <summary>Where a WAV file's samples are: format, byte offset of the first frame, and whole frames available.</summary>
internal sealed record WavLayout(WavFormat Format, long DataOffset, long FrameCount);

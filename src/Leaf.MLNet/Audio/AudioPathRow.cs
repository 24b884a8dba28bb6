namespace Leaf.MLNet.Audio;

/// <summary>Input row of the audio-decoding custom mapping (public because ML.NET binds its fields by reflection).</summary>
public sealed class AudioPathRow
{
    /// <summary>Name of the internal column holding the file path.</summary>
    public const string ColumnName = "LeafAudioPath";

    /// <summary>Path of the audio file.</summary>
    public string LeafAudioPath = "";
}

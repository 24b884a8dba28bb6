namespace Leaf.MLNet;

/// <summary>What <see cref="Microsoft.ML.LeafCatalog.LoadAudio"/> does with a file it cannot decode.</summary>
public enum AudioErrorPolicy
{
    /// <summary>
    /// Stop: the row's cursor throws an <see cref="InvalidDataException"/> whose message names the file and the problem
    /// (the decoder's exception is its inner exception).
    /// </summary>
    Throw,

    /// <summary>
    /// Go on: the row gets an all-zero waveform (an empty one for <see cref="ClipLength.Full"/>) and the problem in the
    /// extra text column <c>&lt;output&gt;DecodeError</c> (empty for rows that decoded), so it can be filtered out
    /// (<c>FilterByCustomPredicate</c> or after loading the data).
    /// </summary>
    Skip,
}

namespace Leaf.Frontends;

/// <summary>
/// Filters of the fast LEAF that share one decimated transform size Q = <paramref name="Rows"/>·<paramref name="Columns"/>
/// (see <see cref="FastLeafPlan"/>). Arrays are row-major over the class's channels.
/// </summary>
/// <param name="Channels">The filters of this class, as indices into the filterbank.</param>
/// <param name="Transform">Q: the decimated transform size, at most half the block.</param>
/// <param name="Rows">N2 of the two-stage transform: sample q = N2·q1 + q2 sits at row q2, column q1.</param>
/// <param name="Columns">N1 of the two-stage transform.</param>
/// <param name="Bins">Bins kept per filter: the class's widest band rounded up to whole columns (at most Q; zero-padded to Q).</param>
/// <param name="SpectrumIndex">[channels, Bins]: the block-DFT bin of each kept bin.</param>
/// <param name="ResponseReal">[channels, Bins]: real part of the filter's response at those bins.</param>
/// <param name="ResponseImag">[channels, Bins]: imaginary part.</param>
/// <param name="Pooling">
/// [channels, frames per block, 2Q]: maps the squared real parts (column q2·2N1 + q1) and imaginary parts (column
/// q2·2N1 + N1 + q1) of the decimated filter output to the block's pooled frames.
/// </param>
public sealed record FastLeafBandClass(
    int[] Channels, int Transform, int Rows, int Columns, int Bins,
    int[] SpectrumIndex, float[] ResponseReal, float[] ResponseImag, float[] Pooling);

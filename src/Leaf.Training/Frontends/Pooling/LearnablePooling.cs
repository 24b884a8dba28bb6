using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Leaf.Training.Frontends.Pooling;

/// <summary>
/// TD-filterbanks' pooling (docs/frontends.md "Baselines", reference <c>LearnablePooling1D</c>): one learnable window w [K] shared by all
/// channels, applied as a strided cross-correlation with VALID padding whatever padding is asked for:
/// y_c[i] = Σ_k x_c[i·S + k]·w[k], so [batch, N, T] → [batch, N, ⌊(T − K)/S⌋ + 1].
/// </summary>
public sealed class LearnablePooling : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are the state-dict names (pooling.window)
    private readonly Parameter window;
#pragma warning restore IDE1006

    /// <summary>Creates the pooling with an initial window (TD-filterbanks: the reference's squared Hann).</summary>
    /// <param name="initialWindow">Window values w[0…K−1].</param>
    /// <param name="stride">Stride S in samples.</param>
    /// <param name="learn">Whether the window is trainable (<c>learn_pooling</c>).</param>
    public LearnablePooling(float[] initialWindow, int stride, bool learn = true) : base(nameof(LearnablePooling))
    {
        if (initialWindow.Length < 1) throw new ArgumentException("the pooling window needs at least one tap", nameof(initialWindow));
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "pooling stride must be at least 1 sample");
        Stride = stride;
        window = new Parameter(tensor(initialWindow), requires_grad: learn);
        RegisterComponents();
    }

    /// <summary>Window length K.</summary>
    public int WindowLength => (int)window.shape[0];

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <summary>The current window as float32.</summary>
    public float[] Window => ParameterValues.ToFloats(window);

    /// <summary>Pools [batch, N, T ≥ K] to [batch, N, ⌊(T − K)/S⌋ + 1].</summary>
    /// <exception cref="ArgumentException">The input is not 3-D or is shorter than the window.</exception>
    public override Tensor forward(Tensor energies)
    {
        if (energies.dim() != 3 || energies.shape[2] < WindowLength)
            throw new ArgumentException($"the shared-window pooling expects [batch, channels, time ≥ {WindowLength}] (VALID padding), got [{string.Join(", ", energies.shape)}]", nameof(energies));
        using var scope = NewDisposeScope();
        long batch = energies.shape[0], channels = energies.shape[1];
        var pooled = nn.functional.conv1d(energies.reshape(batch * channels, 1, energies.shape[2]), window.view(1, 1, -1), stride: Stride);
        return pooled.view(batch, channels, -1).MoveToOuterDisposeScope();
    }
}

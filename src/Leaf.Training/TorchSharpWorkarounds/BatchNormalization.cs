using TorchSharp.Modules;
using Leaf.Training.Classifiers;
using static TorchSharp.torch;

namespace Leaf.Training.TorchSharpWorkarounds;

/// <summary>
/// Batch normalisation over dimension 1, as PyTorch's <c>BatchNorm2d</c> with affine parameters and running statistics, with
/// the same state-dict names (weight, bias, running_mean, running_var, num_batches_tracked). TorchSharp's own module counts
/// batches with a Scalar only the finalizer frees (see <see cref="ScalarArguments"/>); this one holds it.
/// </summary>
public sealed class BatchNormalization : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight, _bias;
    private readonly Tensor _runningMean, _runningVar, _batchesTracked;

    /// <summary>γ = 1, β = 0, running mean 0 and variance 1 over <paramref name="channels"/> channels.</summary>
    public BatchNormalization(long channels, BatchNormSettings settings) : base(nameof(BatchNormalization))
    {
        Settings = settings;
        _weight = nn.Parameter(ones(channels));
        _bias = nn.Parameter(zeros(channels));
        _runningMean = zeros(channels);
        _runningVar = ones(channels);
        _batchesTracked = tensor(0L);   // one call: a temporary (zeros(1).squeeze()) could be finalized during the second
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
        register_buffer("running_mean", _runningMean);
        register_buffer("running_var", _runningVar);
        register_buffer("num_batches_tracked", _batchesTracked);
    }

    /// <summary>ε and momentum.</summary>
    public BatchNormSettings Settings { get; }

    /// <summary>γ.</summary>
    public Parameter weight => _weight;

    /// <summary>β.</summary>
    public Parameter bias => _bias;

    /// <summary>Running mean of the batches seen in training.</summary>
    public Tensor running_mean => _runningMean;

    /// <summary>Running (unbiased) variance of the batches seen in training.</summary>
    public Tensor running_var => _runningVar;

    /// <summary>
    /// (x − μ)/√(σ² + ε)·γ + β per channel of x [batch, channels, …]: the batch's statistics in training (which also move the
    /// running ones by the momentum), the running ones in evaluation.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        if (training)
            using (no_grad()) _batchesTracked.IncrementInPlace();
        return nn.functional.batch_norm(input, _runningMean, _runningVar, _weight, _bias, training, Settings.Momentum, Settings.Epsilon);
    }
}

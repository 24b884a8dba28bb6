using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// A constant derived from hyper-parameters (a DFT basis, a mel matrix), kept in double precision and materialised in the
/// dtype and on the device of the computation that uses it (cached until they change). It is not a module buffer, so it
/// stays out of the state dict and needs no <c>.to()</c>: TorchSharp 0.107 moves only persistent buffers, which would
/// land in the state dict.
/// </summary>
internal sealed class ConstantTensor(double[] values, long[] shape) : IDisposable
{
    private readonly Lock gate = new();
    private Tensor? cached;

    /// <summary>The constant with the dtype and device of <paramref name="reference"/>; owned by this object, do not dispose.</summary>
    public Tensor Like(Tensor reference)
    {
        lock (gate)
        {
            if (cached is null || cached.dtype != reference.dtype || cached.device_type != reference.device_type || cached.device_index != reference.device_index)
            {
                cached?.Dispose();
                cached = tensor(values, shape, dtype: reference.dtype, device: reference.device).DetachFromDisposeScope();
            }
            return cached;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            cached?.Dispose();
            cached = null;
        }
    }
}

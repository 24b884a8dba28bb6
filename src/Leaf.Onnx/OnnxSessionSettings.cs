using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>Turns <see cref="OnnxFrontendOptions"/> into ONNX Runtime <see cref="SessionOptions"/>; shared by every runner of this library.</summary>
internal static class OnnxSessionSettings
{
    /// <summary>Session options for <paramref name="options"/> with the execution provider appended; the caller disposes them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative thread count.</exception>
    /// <exception cref="ArgumentException">Unknown execution provider.</exception>
    /// <exception cref="NotSupportedException">The execution provider is not available in this build.</exception>
    public static SessionOptions Create(OnnxFrontendOptions options, out OnnxExecutionProvider provider)
    {
        if (options.IntraOpThreads < 0) throw new ArgumentOutOfRangeException(nameof(options), options.IntraOpThreads, "IntraOpThreads cannot be negative");
        provider = OnnxExecutionProvider.Parse(options.ExecutionProvider);
        var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            provider.AppendTo(sessionOptions);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }
}

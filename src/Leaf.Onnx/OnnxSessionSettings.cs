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

    /// <summary>
    /// Opens a session with <paramref name="open"/>, turning ONNX Runtime's refusal of the model (not ONNX, truncated,
    /// external data it will not read, e.g. outside the model's folder) into a one-line error naming <paramref name="source"/>.
    /// </summary>
    /// <exception cref="FormatException">ONNX Runtime cannot load the model.</exception>
    public static InferenceSession Open(Func<SessionOptions, InferenceSession> open, SessionOptions options, string source)
    {
        try { return open(options); }
        catch (OnnxRuntimeException e)
        {
            throw new FormatException($"{source}: not an ONNX model ONNX Runtime can load ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>A session of the model file at <paramref name="path"/>, which must be a regular file (a FIFO would block the reader).</summary>
    /// <exception cref="IOException">The path is a FIFO, a device or a folder.</exception>
    public static InferenceSession Load(string path, SessionOptions options)
    {
        Leaf.Audio.RegularFile.Require(path);
        return new InferenceSession(path, options);
    }
}

using Leaf.Frontends;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>
/// ONNX Runtime sessions of one frontend's <see cref="StreamingModels"/>, shared (thread-safely) by any number of
/// <see cref="StreamingFrontend"/> streams.
/// </summary>
internal sealed class StreamingSessions : IDisposable
{
    private readonly SessionOptions sessionOptions;
    private readonly List<InferenceSession> opened = [];

    public StreamingSessions(StreamingModels models, OnnxFrontendOptions options)
    {
        Models = models;
        Support = FrameSupport.For(models.Info.Frontend, models.Info.LeafAlgorithm);
        sessionOptions = OnnxSessionSettings.Create(options, out _);
        try
        {
            Frames = Open(models.Frames)!;
            Compression = Open(models.Compression);
            Normalization = Open(models.Normalization);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public StreamingModels Models { get; }

    public FrameSupport Support { get; }

    public InferenceSession Frames { get; }

    public InferenceSession? Compression { get; }

    public InferenceSession? Normalization { get; }

    public void Dispose()
    {
        foreach (var session in opened) session.Dispose();
        sessionOptions.Dispose();
    }

    private InferenceSession? Open(byte[]? model)
    {
        if (model is null) return null;
        var session = new InferenceSession(model, sessionOptions);
        opened.Add(session);
        return session;
    }
}

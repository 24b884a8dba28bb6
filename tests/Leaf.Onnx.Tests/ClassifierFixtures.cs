using Leaf.Tests;
using System.Diagnostics;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Microsoft.ML.OnnxRuntime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Onnx.Tests;

/// <summary>TorchSharp classifiers with random normalisation statistics, ONNX Runtime runs of exported classifiers, and the ONNX checker.</summary>
internal static class ClassifierFixtures
{
    public static readonly ClassifierTask Scenes = new("scenes", ["park", "street", "metro"]);
    public static readonly ClassifierTask Birds = new("birds", ["no_bird", "bird"]);

    /// <summary>A classifier in eval mode whose batch norms have random γ, β, running mean and variance (so folding is really exercised).</summary>
    public static AudioClassifier Create(EncoderKind encoder, FrontendKind frontend, ClassifierTask[] tasks, int seed)
    {
        manual_seed(seed);
        var model = ClassifierFactory.Create(FrontendDescription.Default(frontend), new ClassifierOptions { Encoder = encoder, Tasks = tasks });
        BatchNormRandomisation.Apply(model, seed);
        model.eval();
        return model;
    }

    /// <summary>Runs a model on one CPU thread: the named float32 outputs for a waveform batch [batch, samples].</summary>
    public static float[][] Run(byte[] model, float[] waveforms, int batch, IReadOnlyList<string> outputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(waveforms, [batch, waveforms.Length / batch]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [FrontendExporter.InputName], [input], outputs.ToArray());
        return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
    }

    /// <summary>The model's <c>metadata_props</c> as ONNX Runtime reads them.</summary>
    public static Dictionary<string, string> Metadata(byte[] model)
    {
        using var session = new InferenceSession(model);
        return new(session.ModelMetadata.CustomMetadataMap);
    }

    /// <summary>Runs <c>onnx.checker.check_model(full_check=True)</c> (Debian's python3-onnx) and fails with its message.</summary>
    public static void AssertPassesOnnxChecker(byte[] model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"leaf-classifier-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, model);
            var start = new ProcessStartInfo("/usr/bin/python3", ["-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"onnx.checker rejected the model: {errors}");
        }
        finally { File.Delete(path); }
    }
}

using System.CommandLine;
using System.Diagnostics;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Training.Frontends;
using TorchSharp;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf bench frontend</c>: frontend throughput in audio-seconds per second (median of several timed runs after a
/// warm-up) with ONNX Runtime and TorchSharp, forward or forward+backward. Benchmarks are reported, never asserted.
/// </summary>
internal static class BenchCommand
{
    // Bench-only kind name: LEAF with LeafAlgorithm.Exact (plain "leaf" benches the fast algorithm).
    private const string ExactLeaf = "leaf-exact";

    public static Command Create()
    {
        string[] kinds = [.. FrontendKindNames.All, ExactLeaf];
        var kind = new Option<string>("--kind") { Description = "Frontend kind: " + string.Join("|", kinds) + $" (leaf: the fast algorithm, ONNX export and TorchSharp module; {ExactLeaf}: the exact ones).", DefaultValueFactory = _ => "leaf" };
        kind.AcceptOnlyFromAmong(kinds);
        var seconds = new Option<int>("--seconds") { Description = "Clip length in seconds.", DefaultValueFactory = _ => 10 }.Range(1, AudioLimits.MaximumClipSeconds);
        var batch = new Option<int>("--batch") { Description = "Clips per batch.", DefaultValueFactory = _ => 4 }.Range(1, 256);
        var threads = new Option<int>("--threads") { Description = "Threads for ONNX Runtime and libtorch.", DefaultValueFactory = _ => 1 }.Range(1, OptionRules.MaxThreads);
        var runs = new Option<int>("--runs") { Description = "Timed runs (the median is reported).", DefaultValueFactory = _ => 5 }.Range(1, 1000);
        var engine = new Option<string>("--engine") { Description = "onnx, torch or both.", DefaultValueFactory = _ => "both" };
        engine.AcceptOnlyFromAmong("onnx", "torch", "both");
        var backward = new Option<bool>("--backward") { Description = "Also time forward+backward (TorchSharp only)." };
        var device = DeviceOption.Create();

        var frontend = new Command("frontend", "Time a frontend on random audio: audio-seconds per second, median of several runs after a warm-up.")
        { kind, seconds, batch, threads, runs, engine, backward, device };
        frontend.SetAction(parse =>
        {
            string kindName = parse.GetValue(kind)!;
            var d = FrontendDescription.Default(FrontendKindNames.Parse(kindName == ExactLeaf ? "leaf" : kindName)).WithInitialParameters();
            var algorithm = kindName == ExactLeaf ? LeafAlgorithm.Exact : LeafAlgorithm.Fast;
            int clips = parse.GetValue(batch), samples = parse.GetValue(seconds) * d.SampleRate, n = parse.GetValue(runs), t = parse.GetValue(threads);
            string which = parse.GetValue(engine)!, deviceName = parse.GetValue(device)!;
            // Both engines' devices are checked before anything is timed: a GPU that cannot run fails at once.
            var onnxProvider = which is "onnx" or "both" ? OnnxExecutionProvider.Parse(deviceName) : OnnxExecutionProvider.Cpu;
            if (onnxProvider.IsCuda) CudaAvailability.Require(onnxProvider.DeviceId, "or use the CPU (--device cpu)");
            var torchDevice = which is "torch" or "both" ? Leaf.Training.TorchRuntime.Device(deviceName) : null;
            var random = new Random(1);
            float[][] audio = [.. Enumerable.Range(0, clips).Select(_ => Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];
            double audioSeconds = (double)clips * samples / d.SampleRate;
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"{kindName}: batch {clips} x {parse.GetValue(seconds)} s, {t} thread(s), {deviceName}, median of {n} runs");
            if (which is "onnx" or "both")
            {
                using var onnx = new OnnxFrontend(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = algorithm }), new OnnxFrontendOptions { IntraOpThreads = t, ExecutionProvider = deviceName });
                o.WriteLine($"  onnx  forward           {audioSeconds / Median(n, () => onnx.FeaturizeBatch(audio)),10:F1} audio-s/s");
            }
            if (which is "torch" or "both")
            {
                torch.set_num_threads(t);
                using var module = FrontendFactory.Create(d, algorithm).to(torchDevice!);
                var input = torch.tensor(audio.SelectMany(a => a).ToArray(), [clips, samples]).to(torchDevice!);
                o.WriteLine($"  torch forward           {audioSeconds / Median(n, () => TorchStep(module, input, false)),10:F1} audio-s/s");
                if (parse.GetValue(backward))
                    o.WriteLine($"  torch forward+backward  {audioSeconds / Median(n, () => TorchStep(module, input, true)),10:F1} audio-s/s");
            }
            return 0;
        });
        return new Command("bench", "Benchmarks (reported, never asserted in tests).") { frontend, BenchAccuracyCommand.Create() };
    }

    private static void TorchStep(torch.nn.Module<torch.Tensor, torch.Tensor> module, torch.Tensor input, bool backward)
    {
        using var scope = torch.NewDisposeScope();
        if (!backward)
        {
            using var noGrad = torch.no_grad();
            module.forward(input);
            return;
        }
        module.zero_grad();
        // gradients flow to the waveform too, so frontends without parameters (mel) are timed the same way
        module.forward(input.detach().requires_grad_(true)).sum().backward();
    }

    // One warm-up, then the median wall time of `runs` timed calls.
    private static double Median(int runs, Action run)
    {
        run();
        var times = Enumerable.Range(0, runs).Select(_ => { var w = Stopwatch.StartNew(); run(); return w.Elapsed.TotalSeconds; }).Order().ToArray();
        return times[runs / 2];
    }
}

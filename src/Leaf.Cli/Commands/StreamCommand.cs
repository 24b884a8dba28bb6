using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf stream</c>: featurizes audio read from standard input as it arrives (for example piped from ffmpeg or
/// arecord) with a <see cref="StreamingFrontend"/>, printing each frame as soon as it is determined, or with
/// <c>--model</c> scores it window by window with a <see cref="StreamingClassifier"/>, printing each window's detection
/// as soon as the window is complete; input at another rate goes through a <see cref="StreamingResampler"/>. A summary
/// with the real-time factor ends both.
/// </summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var frontend = new Option<string>("--frontend") { Description = "'default' (the paper's initialisation), a frontend description JSON, or an exported .onnx model.", DefaultValueFactory = _ => FrontendSource.DefaultName };
        var kind = new Option<string?>("--kind") { Description = "Frontend kind with --frontend default: " + string.Join("|", FrontendKindNames.All) + "." };
        kind.AcceptOnlyFromAmong([.. FrontendKindNames.All]);
        var algorithm = new Option<string>("--algorithm") { Description = "LEAF only: exact or fast (frames come a 21-frame block at a time).", DefaultValueFactory = _ => LeafAlgorithm.Exact.ToName() };
        algorithm.AcceptOnlyFromAmong([.. LeafAlgorithmNames.All]);
        var input = new Option<string>("--input") { Description = "What standard input holds: s16le or f32le (raw mono samples at --rate) or wav (16-bit PCM or float32, any channels, any rate).", DefaultValueFactory = _ => "s16le" };
        input.AcceptOnlyFromAmong(PcmInput.Formats);
        var block = new Option<int>("--block") { Description = "Samples read (and pushed) at a time.", DefaultValueFactory = _ => 160 };
        var frames = new Option<bool>("--frames") { Description = "Print every frame as a CSV line 'frame,time_s,v0,…' as soon as it is determined." };

        var rate = new Option<int?>("--rate") { Description = "Sample rate of raw input (s16le, f32le) in Hz (default: the frontend's or model's); other rates are resampled as they arrive." }
            .Range(1, AudioLimits.MaximumSampleRate);
        var classifier = new ClassifierModels(defaultBatch: 1);
        classifier.Model.Required = false;
        classifier.Model.Description = "A classifier model (.onnx): print a detection 'start_s,end_s,label,probability' for each window as soon as it is complete, instead of frames.";
        var windows = new TimelineArguments();
        var threshold = new Option<double>("--threshold") { Description = "With --model: print only windows whose top probability is at least this.", DefaultValueFactory = _ => 0 }
            .Range(0, 1, minInclusive: true);
        var task = new Option<string?>("--task") { Description = "With --model and a multi-task model: the task whose labels to print." };

        var command = new Command("stream", "Featurize audio from standard input as it arrives, or with --model detect events in it; print frames or detections as they are determined and a summary with the real-time factor.")
        { frontend, kind, algorithm, input, block, frames, rate, threshold, task };
        foreach (var option in classifier.All.Concat(windows.All)) command.Options.Add(option);
        windows.RequireOnlyWith(command, classifier.Model, "detections", threshold, task);
        command.SetAction(parse =>
        {
            int blockSamples = parse.GetValue(block);
            if (blockSamples < 1) throw new ArgumentException($"--block {blockSamples}: must be at least 1");
            string format = parse.GetValue(input)!;
            if (format == "wav" && parse.GetValue(rate) is int given) throw new ArgumentException($"--rate {given}: a WAV stream declares its rate; --rate is for raw input");
            var pcm = PcmInput.Open(Console.OpenStandardInput(), format, "<stdin>");
            int inputRate(int target) => pcm.SampleRate ?? parse.GetValue(rate) ?? target;
            if (parse.GetValue(classifier.Model) is not null) return Detect(parse, pcm, inputRate, blockSamples);
            return Featurize(parse, pcm, inputRate, blockSamples);
        });
        return command;

        int Featurize(ParseResult parse, PcmInput pcm, Func<int, int> inputRate, int blockSamples)
        {
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, parse.GetValue(kind)).WithInitialParameters();
            var options = new StreamingFrontendOptions { LeafAlgorithm = LeafAlgorithmNames.Parse(parse.GetValue(algorithm)!), Session = new() { IntraOpThreads = 1 } };
            using var stream = new StreamingFrontend(description, options);
            var o = parse.InvocationConfiguration.Output;
            bool print = parse.GetValue(frames);
            long frameIndex = 0;
            double stride = (double)description.Stride / description.SampleRate;
            void Print(ReadOnlySpan<float> values, int count)
            {
                for (int f = 0; f < count && print; f++, frameIndex++)
                {
                    var line = new System.Text.StringBuilder().Append(frameIndex.ToString(CultureInfo.InvariantCulture)).Append(',').Append((frameIndex * stride).ToString("0.###", CultureInfo.InvariantCulture));
                    foreach (float v in values.Slice(f * stream.Channels, stream.Channels)) line.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
                    o.WriteLine(line.ToString());
                }
                if (print) o.Flush();
            }
            var elapsed = Pump(pcm, inputRate(description.SampleRate), description.SampleRate, blockSamples, samples => stream.Push(samples, Print), () => stream.Complete(Print));
            Summarise(parse, stream.SamplesPushed, description.SampleRate, elapsed,
                $"{stream.FramesReturned} frames, latency {stream.Latency} samples ({1000.0 * stream.Latency / description.SampleRate:0.#} ms)");
            return 0;
        }

        int Detect(ParseResult parse, PcmInput pcm, Func<int, int> inputRate, int blockSamples)
        {
            if (parse.GetValue(frames)) throw new ArgumentException("--frames prints a frontend's frames; with --model the command prints detections");
            using var model = classifier.Open(parse);
            int head = ClassifierModels.TaskIndex(model.Info, parse.GetValue(task));
            var sliding = windows.Options(parse).Resolve(model.Info);
            var stream = new StreamingClassifier(model, sliding);
            var o = parse.InvocationConfiguration.Output;
            double minimum = parse.GetValue(threshold);
            long printed = 0;
            void Print(TimelineWindow window)
            {
                var score = window.Score.Tasks[head];
                float p = score.Probabilities[score.TopIndex];
                if (p < minimum) return;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{window.Start:0.###},{window.End:0.###},{score.TopLabel},{p:R}"));
                o.Flush();
                printed++;
            }
            var elapsed = Pump(pcm, inputRate(model.SampleRate), model.SampleRate, blockSamples, samples => stream.Push(samples, Print), () => stream.Complete(Print));
            Summarise(parse, stream.SamplesPushed, model.SampleRate, elapsed,
                $"{stream.WindowsReturned} windows of {sliding.Window} samples every {sliding.Hop}, {printed} detections printed");
            return 0;
        }
    }

    // Reads the input `block` samples at a time and passes it on at `rate` Hz (through a streaming resampler when it arrives
    // at another rate), calls `complete` at its end, and returns the time all of it took.
    private static TimeSpan Pump(PcmInput pcm, int inputRate, int rate, int block, Action<ReadOnlySpan<float>> push, Action complete)
    {
        var clock = Stopwatch.StartNew();
        var resampler = inputRate == rate ? null : new StreamingResampler(inputRate, rate);
        var buffer = new float[block];
        for (int read; (read = pcm.Read(buffer)) > 0;) push(resampler is null ? buffer.AsSpan(0, read) : resampler.Push(buffer.AsSpan(0, read)));
        if (resampler is not null) push(resampler.Complete());
        complete();
        return clock.Elapsed;
    }

    // The closing line on standard error: how much audio, what came out of it, the wall time and the real-time factor.
    private static void Summarise(ParseResult parse, long samples, int rate, TimeSpan elapsed, FormattableString outcome)
    {
        double audio = (double)samples / rate, wall = elapsed.TotalSeconds;
        parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"leaf stream: {samples} samples ({audio:0.###} s), {outcome.ToString(CultureInfo.InvariantCulture)}, {wall:0.###} s wall, real-time factor {(audio > 0 ? wall / audio : 0):0.####} ({(wall > 0 ? audio / wall : 0):0.#}x real time)"));
    }
}

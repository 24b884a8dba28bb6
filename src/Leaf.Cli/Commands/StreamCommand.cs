using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf stream</c>: featurizes audio read from standard input as it arrives (for example piped from ffmpeg or
/// arecord) with a <see cref="StreamingFrontend"/>, printing each frame as soon as it is determined, and a summary with
/// the real-time factor.
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
        var input = new Option<string>("--input") { Description = "What standard input holds: s16le or f32le (raw mono samples at the frontend's rate) or wav (16-bit PCM or float32, any channels, the frontend's rate).", DefaultValueFactory = _ => "s16le" };
        input.AcceptOnlyFromAmong(PcmInput.Formats);
        var block = new Option<int>("--block") { Description = "Samples read (and pushed) at a time.", DefaultValueFactory = _ => 160 };
        var frames = new Option<bool>("--frames") { Description = "Print every frame as a CSV line 'frame,time_s,v0,…' as soon as it is determined." };

        var command = new Command("stream", "Featurize audio from standard input as it arrives; print frames as they are determined and a summary with the real-time factor.")
        { frontend, kind, algorithm, input, block, frames };
        command.SetAction(parse =>
        {
            int blockSamples = parse.GetValue(block);
            if (blockSamples < 1) throw new ArgumentException($"--block {blockSamples}: must be at least 1");
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, parse.GetValue(kind)).WithInitialParameters();
            var pcm = PcmInput.Open(Console.OpenStandardInput(), parse.GetValue(input)!, "<stdin>");
            if (pcm.SampleRate is int rate && rate != description.SampleRate)
                throw new Audio.AudioFormatException("<stdin>", $"is at {rate} Hz and the frontend at {description.SampleRate} Hz; resample it on the way in (e.g. ffmpeg -ar {description.SampleRate})");
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
            var buffer = new float[blockSamples];
            var clock = Stopwatch.StartNew();
            for (int read; (read = pcm.Read(buffer)) > 0;) stream.Push(buffer.AsSpan(0, read), Print);
            stream.Complete(Print);
            double audio = (double)stream.SamplesPushed / description.SampleRate, wall = clock.Elapsed.TotalSeconds;
            parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"leaf stream: {stream.SamplesPushed} samples ({audio:0.###} s), {stream.FramesReturned} frames, latency {stream.Latency} samples ({1000.0 * stream.Latency / description.SampleRate:0.#} ms), {wall:0.###} s wall, real-time factor {(audio > 0 ? wall / audio : 0):0.####} ({(wall > 0 ? audio / wall : 0):0.#}x real time)"));
            return 0;
        });
        return command;
    }
}

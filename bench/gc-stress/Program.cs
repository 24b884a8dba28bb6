// Usage: dotnet run -c Release --project bench/gc-stress -- [SECONDS] [FRONTEND] [ENCODER]
// Trains classifiers (every frontend kind, or FRONTEND: Leaf|Mel|TdFilterbanks|SincNet|SincNetPlus; both encoders, or
// ENCODER: CompactCnn|EfficientNetB0; LEAF with SpecAugment, fast with the compact CNN and exact with EfficientNet-B0)
// for SECONDS (default 120) while another thread forces garbage collections, the condition under which TorchSharp frees
// a Scalar or an intermediate tensor that libtorch is still reading (docs/platforms.md). Prints the steps it survived;
// a failure aborts the process (libtorch assertion or segmentation fault).
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120;
FrontendKind[] kinds = args.Length > 1 ? [Enum.Parse<FrontendKind>(args[1])] : Enum.GetValues<FrontendKind>();
EncoderKind[] encoders = args.Length > 2 ? [Enum.Parse<EncoderKind>(args[2])] : Enum.GetValues<EncoderKind>();

bool stop = false;
var collector = new Thread(() =>
{
    while (!Volatile.Read(ref stop))
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}) { IsBackground = true };
collector.Start();

var until = DateTime.UtcNow.AddSeconds(seconds);
long steps = 0;
while (DateTime.UtcNow < until)
    foreach (var kind in kinds)
        foreach (var encoder in encoders)
        {
            var options = new ClassifierOptions { Encoder = encoder, Tasks = [ClassifierTask.WithClassCount("task", 3)] };
            var algorithm = encoder == EncoderKind.CompactCnn ? LeafAlgorithm.Fast : LeafAlgorithm.Exact;
            using var model = kind == FrontendKind.Leaf
                ? ClassifierFactory.Create(new LeafFrontend(FrontendDescription.Default(kind), algorithm), options)
                : ClassifierFactory.Create(FrontendDescription.Default(kind), options);
            model.train();
            using var adam = new HeldScalarAdam(model.parameters(), 1e-3);
            for (int i = 0; i < 2; i++)
            {
                using var scope = NewDisposeScope();
                var loss = nn.functional.cross_entropy(model.forward(randn(2, 4000)), tensor(new long[] { 0, 2 }));
                adam.zero_grad();
                loss.backward();
                adam.step();
                model.ApplyConstraints();
                steps++;
            }
        }
Volatile.Write(ref stop, true);
Console.WriteLine($"survived {steps} training steps in {seconds:F0} s with a collecting thread");

using System.CommandLine;

namespace Leaf.Cli;

/// <summary>The <c>--device</c> option of every command that runs a model: <c>cpu</c>, <c>cuda</c> or <c>cuda:ID</c>.</summary>
internal static class DeviceOption
{
    /// <summary>A new <c>--device</c> option (default <c>cpu</c>).</summary>
    public static Option<string> Create() => new Option<string>("--device")
    {
        Description = "cpu, cuda or cuda:ID. CUDA needs the build with -p:LeafGpu=true (linux-x64, win-x64) and, for ONNX Runtime 1.32, CUDA 13 and cuDNN 9; without them the command stops with one line saying what is missing.",
        DefaultValueFactory = _ => "cpu",
    }.Device();
}

using Leaf.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx.Tests;

/// <summary>The graph builder: unique names, constants, checks on wiring, and a tiny model that ONNX Runtime evaluates.</summary>
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void BuildsAModelThatOnnxRuntimeEvaluates()
    {
        // y = (x + c)·2 with c = [1, 2, 3] broadcast over a symbolic batch.
        var g = new OnnxGraphBuilder("tiny");
        string x = g.AddInput("x", OnnxDim.Named("batch"), OnnxDim.Fixed(3));
        string y = g.Mul(g.Add(x, g.AddConstant("c", [1f, 2f, 3f], 3)), g.AddScalar("two", 2f));
        g.AddOutput(g.Identity(y, "y"), OnnxDim.Named("batch"), OnnxDim.Fixed(3));

        using var session = new InferenceSession(OnnxModelWriter.ToBytes(g, [new("k", "v")], "doc"));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 0, 1, 2, 10, 20, 30 }, [2, 3]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["x"], [input], ["y"]);
        Assert.Equal([2f, 6f, 10f, 22f, 44f, 66f], results[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal("v", session.ModelMetadata.CustomMetadataMap["k"]);
        Assert.Equal("doc", session.ModelMetadata.Description);
    }

    [Fact]
    public void NamesAreUniqueAndInt64ConstantsShared()
    {
        var g = new OnnxGraphBuilder("names");
        string a = g.AddConstant("w", [1f], 1), b = g.AddConstant("w", [2f], 1);
        Assert.NotEqual(a, b);
        Assert.Equal(g.AddInt64s(0, -1), g.AddInt64s(0, -1));
        Assert.NotEqual(g.AddInt64s(0, -1), g.AddInt64s(-1, 0));
        var proto = g.ToProto();
        Assert.Equal(4, proto.Initializer.Count);
        Assert.Equal([1f], proto.Initializer[0].RawData.ToByteArray().Chunk(4).Select(c => BitConverter.ToSingle(c)));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, proto.Initializer[2].DataType);
    }

    [Fact]
    public void WiringMistakesAreRejected()
    {
        var g = new OnnxGraphBuilder("errors");
        string x = g.AddInput("x", OnnxDim.Fixed(2));
        Assert.Contains("value name 'x' is already used", Assert.Throws<ArgumentException>(() => g.AddInput("x")).Message);
        Assert.Contains("Add: no value named 'nope'", Assert.Throws<ArgumentException>(() => g.Add(x, "nope")).Message);
        Assert.Contains("no value named 'nope'", Assert.Throws<ArgumentException>(() => g.AddOutput("nope")).Message);
        Assert.Contains("shape [2, 2] holds 4 values, got 3", Assert.Throws<ArgumentException>(() => g.AddConstant("c", [1f, 2f, 3f], 2, 2)).Message);
        Assert.Throws<ArgumentException>(() => g.Identity(x, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(-1));
        Assert.Throws<ArgumentException>(() => OnnxDim.Named(" "));
        Assert.Contains("metadata key 'k' appears twice",
            Assert.Throws<ArgumentException>(() => OnnxModelWriter.ToBytes(g, [new("k", "1"), new("k", "2")])).Message);
    }
}

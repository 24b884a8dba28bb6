namespace Leaf.Onnx;

/// <summary>The end of a frontend graph: the features value [batch, frames, N] and the longest input (in frames) it is exact for (null: any).</summary>
internal sealed record FrontendGraphResult(string Features, int? MaxFrames);

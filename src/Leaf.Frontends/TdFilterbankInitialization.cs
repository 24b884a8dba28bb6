namespace Leaf.Frontends;

/// <summary>TD-filterbanks' initial weights (spec B.2). Filled in by the baselines work.</summary>
public static class TdFilterbankInitialization
{
    /// <summary>Initial conv weights [2N, K] and squared-Hann pooling window [K].</summary>
    public static IReadOnlyDictionary<string, ParameterTensor> Parameters(FrontendDescription d) =>
        throw new NotImplementedException("TD-filterbanks initialisation is not written yet");
}

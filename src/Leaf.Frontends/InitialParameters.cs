namespace Leaf.Frontends;

/// <summary>The paper's initial parameter values of each frontend kind, by <see cref="ParameterNames"/> name.</summary>
public static class InitialParameters
{
    /// <summary>Initial values for every learned parameter of <paramref name="d"/>'s kind and options.</summary>
    public static IReadOnlyDictionary<string, ParameterTensor> For(FrontendDescription d)
    {
        var p = new Dictionary<string, ParameterTensor>(StringComparer.Ordinal);
        int n = d.FilterCount;
        switch (d.Kind)
        {
            case FrontendKind.Leaf:
                var (center, width) = d.GaborInit == GaborInitKind.Analytic
                    ? GaborInitialization.Analytic(n, d.SampleRate, d.MinFrequency, d.MaxFrequency)
                    : GaborInitialization.MelMatched(n, d.SampleRate, d.MinFrequency, d.MaxFrequency, d.FftSize);
                p[ParameterNames.GaborCenter] = ParameterTensor.Vector(center);
                p[ParameterNames.GaborWidth] = ParameterTensor.Vector(width);
                p[ParameterNames.PoolingWidth] = ParameterTensor.Filled(n, d.PoolingInit);
                break;
            case FrontendKind.Mel:
                break;
            case FrontendKind.TdFilterbanks:
                foreach (var (name, value) in TdFilterbankInitialization.Parameters(d)) p[name] = value;
                break;
            case FrontendKind.SincNet:
            case FrontendKind.SincNetPlus:
                var (low, band) = SincInitialization.LowAndBand(n, d.SampleRate, d.MinFrequency, d.MaxFrequency);
                p[ParameterNames.SincLow] = ParameterTensor.Vector(low);
                p[ParameterNames.SincBand] = ParameterTensor.Vector(band);
                if (d.Kind == FrontendKind.SincNetPlus) p[ParameterNames.PoolingWidth] = ParameterTensor.Filled(n, d.PoolingInit);
                break;
        }
        if (d.Kind != FrontendKind.Mel && d.PreEmphasis) p[ParameterNames.PreemphasisWeight] = ParameterTensor.Vector([-0.97f, 1f]);
        switch (d.Compression)
        {
            case CompressionKind.Pcen when d.Kind != FrontendKind.Mel:
                p[ParameterNames.PcenAlpha] = ParameterTensor.Filled(n, d.Pcen.Alpha);
                p[ParameterNames.PcenDelta] = ParameterTensor.Filled(n, d.Pcen.Delta);
                p[ParameterNames.PcenRoot] = ParameterTensor.Filled(n, d.Pcen.Root);
                p[ParameterNames.PcenSmoothing] = ParameterTensor.Filled(d.Pcen.PerChannelSmoothing ? n : 1, d.Pcen.Smoothing);
                break;
            case CompressionKind.LayerNorm:
                p[ParameterNames.LayerNormWeight] = ParameterTensor.Filled(n, 1.0);
                p[ParameterNames.LayerNormBias] = ParameterTensor.Filled(n, 0.0);
                break;
        }
        if (d.InstanceNorm && d.Kind != FrontendKind.Mel)
        {
            p[ParameterNames.InstanceNormWeight] = ParameterTensor.Filled(n, 1.0);
            p[ParameterNames.InstanceNormBias] = ParameterTensor.Filled(n, 0.0);
        }
        return p;
    }
}

namespace Leaf.Frontends;

/// <summary>SincNet's initial cut-offs (spec B.3). Filled in by the baselines work.</summary>
public static class SincInitialization
{
    /// <summary>Initial low and band parameters [N] in Hz.</summary>
    public static (float[] Low, float[] Band) LowAndBand(int filters, int sampleRate, double minHz, double maxHz) =>
        throw new NotImplementedException("SincNet initialisation is not written yet");
}

namespace Leaf.Audio;

/// <summary>The Kaiser window w(u) = I0(β √(1 − u²)) / I0(β) on [−1, 1], with Kaiser's design formulas (Oppenheim &amp; Schafer, eq. 7.62–7.63).</summary>
internal sealed class KaiserWindow(double beta)
{
    private readonly double _norm = 1 / BesselI0(beta);

    /// <summary>β for a stopband attenuation of <paramref name="attenuationDb"/> dB (the A &gt; 50 branch of Kaiser's formula).</summary>
    public static double Beta(double attenuationDb) => 0.1102 * (attenuationDb - 8.7);

    /// <summary>Filter order ≈ (A − 7.95) / (2.285 Δω) for a transition of <paramref name="transitionCycles"/> cycles per sample.</summary>
    public static double Order(double attenuationDb, double transitionCycles) => (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionCycles);

    /// <summary>w(u) for |u| ≤ 1, 0 outside.</summary>
    public double Value(double u) => Math.Abs(u) > 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - u * u)) * _norm;

    /// <summary>Modified Bessel function of the first kind, order 0: Σ ((x/2)^k / k!)², summed to double precision.</summary>
    public static double BesselI0(double x)
    {
        double term = 1, sum = 1, half = x / 2;
        for (int k = 1; term > sum * 1e-17; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }
        return sum;
    }
}

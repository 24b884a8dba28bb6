using System.Text.Json;
using Leaf.Frontends;

namespace Leaf.Tests;

/// <summary>Maps the golden parameter files (raw reference values) into frontend descriptions.</summary>
public static class GoldenDescriptions
{
    public static FrontendDescription For(string set)
    {
        using var json = JsonDocument.Parse(Golden.ParametersJson(set));
        var root = json.RootElement;
        float[] Floats(string name) => root.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        int sampleRate = root.GetProperty("sample_rate").GetInt32();
        var d = new FrontendDescription
        {
            SampleRate = sampleRate,
            FilterCount = root.GetProperty("n_filters").GetInt32(),
            EnergyFloor = root.GetProperty("clamp_min").GetDouble(),
            Pcen = new PcenOptions { Floor = root.GetProperty("pcen_floor").GetDouble() },
            Parameters = new(StringComparer.Ordinal)
            {
                [ParameterNames.GaborCenter] = ParameterTensor.Vector(Floats("gabor_center_rad")),
                [ParameterNames.GaborWidth] = ParameterTensor.Vector(Floats("gabor_fwhm_param")),
                [ParameterNames.PoolingWidth] = ParameterTensor.Vector(Floats("pooling_width")),
                [ParameterNames.PcenAlpha] = ParameterTensor.Vector(Floats("pcen_alpha")),
                [ParameterNames.PcenDelta] = ParameterTensor.Vector(Floats("pcen_delta")),
                [ParameterNames.PcenRoot] = ParameterTensor.Vector(Floats("pcen_root")),
                [ParameterNames.PcenSmoothing] = ParameterTensor.Vector(Floats("pcen_smooth")),
            },
        };
        // The reference's window and stride must be what the description derives from 25 ms / 10 ms.
        Assert.Equal(root.GetProperty("window_size").GetInt32(), d.WindowLength);
        Assert.Equal(root.GetProperty("window_stride").GetInt32(), d.Stride);
        return d;
    }
}

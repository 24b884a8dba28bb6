using Leaf.Frontends;
using Leaf.Frontends.Classifiers;

namespace Leaf.Frontends.Tests;

/// <summary>The name tables of the enums: names round-trip, aliases parse but are never written.</summary>
public class ShortNamesTests
{
    [Fact]
    public void EveryNameRoundTrips()
    {
        foreach (var name in FrontendKindNames.All) Assert.Equal(name, FrontendKindNames.Parse(name).ToName());
        foreach (var name in EncoderKindNames.All) Assert.Equal(name, EncoderKindNames.Parse(name).ToName());
        foreach (var name in LeafAlgorithmNames.All) Assert.Equal(name, LeafAlgorithmNames.Parse(name).ToName());
    }

    [Fact]
    public void TheCompactCnnAliasParsesButIsNeverWritten()
    {
        Assert.Equal(EncoderKind.CompactCnn, EncoderKindNames.Parse("cnn"));
        Assert.Equal("compact-cnn", EncoderKind.CompactCnn.ToName());
        Assert.Equal(["compact-cnn", "efficientnet-b0"], EncoderKindNames.All);
        Assert.Equal(["compact-cnn", "cnn", "efficientnet-b0"], EncoderKindNames.Accepted);
    }

    [Fact]
    public void AnUnknownNameListsTheNames()
    {
        var e = Assert.Throws<ArgumentException>(() => EncoderKindNames.Parse("resnet"));
        Assert.StartsWith("unknown encoder 'resnet'; expected one of compact-cnn, efficientnet-b0", e.Message, StringComparison.Ordinal);
    }
}

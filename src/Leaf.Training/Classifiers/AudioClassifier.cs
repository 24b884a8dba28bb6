using Leaf.Frontends.Classifiers;
using Leaf.Training.Frontends;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// A frontend followed by an encoder and one linear head per task (docs/frontends.md "Classifier"): waveforms [batch, samples] → features
/// [batch, frames, N] → images [batch, 1, frames, N] (time = height, frequency = width) → [per-example standardisation]
/// → [SpecAugment, training only] → encoder → global max pooling
/// over time and frequency → embedding [batch, C] → dropout (training only) → logits [batch, classes] per task.
/// The frontend and the encoder are shared by all tasks. Trainers call <see cref="ApplyConstraints"/> after each step.
/// </summary>
public sealed class AudioClassifier : nn.Module<Tensor, Tensor>, IConstrained
{
#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly Frontend frontend;
    private readonly nn.Module<Tensor, Tensor> encoder;
    private readonly Dropout dropout;
    private readonly ModuleList<Linear> heads;
    private readonly FeatureStandardization? standardize;
    private readonly SpecAugment? augment;
#pragma warning restore IDE1006
    private readonly ClassifierTask[] tasks;

    /// <summary>Puts <paramref name="encoder"/> and the heads of <paramref name="options"/> behind <paramref name="frontend"/>.</summary>
    /// <param name="frontend">The frontend (see <see cref="FrontendFactory"/>).</param>
    /// <param name="encoder">An encoder module that also implements <see cref="IEncoder"/>.</param>
    /// <param name="options">Tasks and dropout; its encoder kind must be the encoder's.</param>
    /// <exception cref="ArgumentException">The encoder lacks its interface, the options are invalid or name another encoder.</exception>
    public AudioClassifier(Frontend frontend, nn.Module<Tensor, Tensor> encoder, ClassifierOptions options) : base(nameof(AudioClassifier))
    {
        if (encoder is not IEncoder e) throw new ArgumentException($"the encoder ({encoder.GetType().Name}) must implement IEncoder", nameof(encoder));
        options.Validate();
        if (options.Encoder != e.Kind)
            throw new ArgumentException($"the options ask for encoder '{options.Encoder.ToName()}' but the module is '{e.Kind.ToName()}'", nameof(options));
        this.frontend = frontend;
        this.encoder = encoder;
        tasks = options.Tasks.ToArray();
        dropout = nn.Dropout(options.Dropout);
        heads = nn.ModuleList(tasks.Select(t => nn.Linear(e.OutputChannels, t.ClassCount)).ToArray());
        if (options.StandardizeFeatures) standardize = new FeatureStandardization();
        if (options.SpecAugment is not null) augment = new SpecAugment(options.SpecAugment);
        RegisterComponents();
    }

    /// <summary>The tasks (names and labels), in head order.</summary>
    public IReadOnlyList<ClassifierTask> Tasks => tasks;

    /// <summary>The frontend module.</summary>
    public Frontend Frontend => frontend;

    /// <summary>The encoder module.</summary>
    public nn.Module<Tensor, Tensor> Encoder => encoder;

    /// <summary>Size of the pooled embedding (the encoder's output channels).</summary>
    public int EmbeddingSize => ((IEncoder)encoder).OutputChannels;

    /// <summary>The pooled embedding [batch, C] of waveforms [batch, samples], before dropout.</summary>
    public Tensor Embed(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var images = frontend.forward(waveform).unsqueeze(1);           // [B, 1, T', N]
        if (standardize is not null) images = standardize.forward(images);
        if (augment is not null) images = augment.forward(images.squeeze(1).transpose(1, 2)).transpose(1, 2).unsqueeze(1);   // masks over [B, N, T']
        var maps = encoder.forward(images);                             // [B, C, H', W']
        return maps.amax([2, 3]).MoveToOuterDisposeScope();             // global max pooling (docs/frontends.md "Classifier")
    }

    /// <summary>Logits [batch, classes of task t] of every task t, in head order.</summary>
    public Tensor[] ForwardHeads(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var embedding = dropout.forward(Embed(waveform));
        return heads.Select(h => h.forward(embedding).MoveToOuterDisposeScope()).ToArray();
    }

    /// <summary>Logits [batch, classes] of the single task.</summary>
    /// <exception cref="InvalidOperationException">The classifier has several tasks; use <see cref="ForwardHeads"/>.</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (tasks.Length != 1)
            throw new InvalidOperationException($"this classifier has {tasks.Length} tasks ({string.Join(", ", tasks.Select(t => t.Name))}); call ForwardHeads");
        return ForwardHeads(waveform)[0];
    }

    /// <summary>Projects the frontend's constrained parameters back into their bounds (no-op for unconstrained frontends).</summary>
    public void ApplyConstraints() => (frontend as IConstrained)?.ApplyConstraints();

    /// <summary>
    /// The runtime-free description of this classifier as it computes in evaluation mode: the frontend's description, the
    /// encoder's layers with batch normalisation folded in (running statistics), and each head's weights and labels.
    /// </summary>
    public ClassifierDescription ToDescription() => new()
    {
        Frontend = frontend.ToDescription(),
        Encoder = ((IEncoder)encoder).Kind,
        Layers = [.. standardize is null ? [] : new EncoderLayer[] { standardize.Layer }, .. ((IEncoder)encoder).ToLayers()],
        Heads = tasks.Select((t, i) => new ClassifierHead(t, heads[i].weight!.ToParameterTensor(), heads[i].bias!.ToParameterTensor())).ToArray(),
    };
}

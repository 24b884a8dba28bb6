namespace Leaf.Datasets.Synthesis;

/// <summary>What a dataset synthesiser plugs into <see cref="DatasetSynthesizer"/>: its classes, tools, how to draw a file's recipe and how to render it.</summary>
/// <typeparam name="TRecipe">Everything that determines one file's audio (its ToString goes to synthesis.csv).</typeparam>
/// <param name="Name">Task name (keywords, instruments).</param>
/// <param name="Classes">All classes of the task.</param>
/// <param name="Requirements">External programs and files needed.</param>
/// <param name="Description">How the files are made, for README.txt.</param>
/// <param name="Draw">The recipe of a job from its own random stream.</param>
/// <param name="Render">The finished clip of a recipe (exactly the clip length, at the sample rate).</param>
internal sealed record SynthesisTask<TRecipe>(
    string Name,
    IReadOnlyList<string> Classes,
    IReadOnlyList<ToolRequirement> Requirements,
    string Description,
    Func<SynthesisJob, DeterministicRandom, TRecipe> Draw,
    Func<TRecipe, float[]> Render)
    where TRecipe : notnull;

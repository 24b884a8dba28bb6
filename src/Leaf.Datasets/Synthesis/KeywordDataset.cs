using Leaf.Audio;

namespace Leaf.Datasets.Synthesis;

/// <summary>
/// A small spoken-keyword dataset made with espeak-ng (a demonstration stand-in for Speech Commands): ten words,
/// each file a different English voice and variant, speaking rate and pitch, placed at a random time in the
/// clip over coloured noise at 5–30 dB SNR. espeak-ng's 22.05 kHz output is resampled with Leaf.Audio.
/// </summary>
public static class KeywordDataset
{
    /// <summary>The task name (used in seeds, README and the CLI).</summary>
    public const string TaskName = "keywords";

    /// <summary>The keywords, also the class names.</summary>
    public static IReadOnlyList<string> Words { get; } = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"];

    /// <summary>English voices of espeak-ng drawn from.</summary>
    public static IReadOnlyList<string> Voices { get; } = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc"];

    /// <summary>espeak-ng voice variants drawn from: four female, seven male.</summary>
    public static IReadOnlyList<string> Variants { get; } = ["f1", "f2", "f3", "f4", "m1", "m2", "m3", "m4", "m5", "m6", "m7"];

    private const int MinSpeed = 110, MaxSpeed = 220, MinPitch = 20, MaxPitch = 80;
    private const double MinSnrDb = 5, MaxSnrDb = 30;
    private const double SpeechThreshold = 0.01; // −40 dB below the peak: espeak-ng's leading and trailing silence is trimmed

    /// <summary>The tools needed.</summary>
    public static IReadOnlyList<ToolRequirement> Requirements(SynthesisTools tools) => [new((tools ?? SynthesisTools.Default).Espeak, "espeak-ng")];

    /// <summary>Writes the dataset (see <see cref="SynthesisOptions"/>); resumes when files are already there.</summary>
    /// <param name="options">Where, how many, seed.</param>
    /// <param name="progress">Receives (files done, files in all) after each file.</param>
    /// <param name="cancellation">Stops between files.</param>
    /// <exception cref="InvalidOperationException">espeak-ng is missing and cannot be installed (the message gives the command), or it fails.</exception>
    public static SynthesisResult Synthesize(SynthesisOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = new SynthesisTask<KeywordRecipe>(TaskName, Words, Requirements(options.Tools),
            $"Keywords: spoken by espeak-ng with a voice from {{{string.Join(", ", Voices)}}}, variant from {{{string.Join(", ", Variants)}}},\n" +
            $"rate {MinSpeed}-{MaxSpeed} words/min, pitch {MinPitch}-{MaxPitch}; silence trimmed, resampled from 22.05 kHz, placed at a random\n" +
            $"time in the clip; noise at {MinSnrDb}-{MaxSnrDb} dB SNR.",
            Draw, recipe => Render(recipe, options));
        return DatasetSynthesizer.Run(task, options, progress, cancellation);
    }

    /// <summary>The recipe of a file from its random stream.</summary>
    public static KeywordRecipe Draw(SynthesisJob job, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(random);
        return new KeywordRecipe(job.Label, random.Pick(Voices), random.Pick(Variants), random.NextInt(MinSpeed, MaxSpeed), random.NextInt(MinPitch, MaxPitch),
            random.NextDouble(), MixRecipe.Draw(random, MinSnrDb, MaxSnrDb));
    }

    /// <summary>Speaks the recipe's word and finishes the clip: exactly <see cref="SynthesisOptions.ClipSamples"/> samples at the options' rate.</summary>
    /// <exception cref="InvalidOperationException">espeak-ng failed or produced silence.</exception>
    public static float[] Render(KeywordRecipe recipe, SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        string espeak = Requirements(options.Tools)[0].Locate() ?? options.Tools.Espeak;
        byte[] wav = ProcessRunner.RunChecked(espeak, recipe.EspeakArguments, TimeSpan.FromMinutes(1)).Output;
        float[] speech = AudioFile.Load(wav, new AudioLoadOptions { SampleRate = options.SampleRate }, $"espeak-ng {recipe}").Samples;
        (int start, int length) = ActiveRegion.Find(speech, SpeechThreshold);
        if (length == 0) throw new InvalidOperationException($"espeak-ng produced silence for {recipe}");
        int clip = options.ClipSamples;
        length = Math.Min(length, clip); // a word longer than the clip keeps its beginning
        var samples = new float[clip];
        int offset = (int)(recipe.Placement * (clip - length));
        speech.AsSpan(start, length).CopyTo(samples.AsSpan(offset));
        recipe.Mix.Apply(samples);
        return samples;
    }
}

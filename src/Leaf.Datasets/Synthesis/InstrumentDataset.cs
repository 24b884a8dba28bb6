using System.Globalization;
using Leaf.Audio;

namespace Leaf.Datasets.Synthesis;

/// <summary>
/// A small instrument-family dataset rendered with fluidsynth and the FluidR3 General MIDI soundfont (a
/// demonstration stand-in for NSynth instrument families): each file is one to three notes of a program drawn from
/// the family, in the family's range, with random onset, durations and velocities, over a little coloured noise
/// (20–40 dB SNR). The MIDI files are written in code; fluidsynth renders at the target rate directly.
/// </summary>
public static class InstrumentDataset
{
    /// <summary>The task name (used in seeds, README and the CLI).</summary>
    public const string TaskName = "instruments";

    /// <summary>The families, also the class names (GM program numbers are 0-based).</summary>
    public static IReadOnlyList<InstrumentFamily> Families { get; } =
    [
        new("piano", [0, 1, 2, 3, 4, 5], 36, 96),       // acoustic/bright/electric grand, honky-tonk, electric pianos
        new("organ", [16, 17, 18, 19, 20], 36, 84),     // drawbar, percussive, rock, church, reed organ
        new("guitar", [24, 25, 26, 27, 28], 40, 81),    // nylon, steel, jazz, clean, muted
        new("bass", [32, 33, 34, 35, 36, 38], 28, 55),  // acoustic, finger, pick, fretless, slap, synth bass
        new("strings", [40, 41, 42, 44, 48, 49], 43, 88), // violin, viola, cello, tremolo strings, string ensembles
        new("brass", [56, 57, 58, 60, 61], 40, 80),     // trumpet, trombone, tuba, French horn, brass section
        new("reed", [64, 65, 66, 68, 70, 71], 45, 84),  // soprano/alto/tenor sax, oboe, bassoon, clarinet
        new("flute", [72, 73, 74, 75, 79], 60, 96),     // piccolo, flute, recorder, pan flute, ocarina
    ];

    private const double MinSnrDb = 20, MaxSnrDb = 40;
    private const int MaxNotes = 3, MaxInterval = 7, MinVelocity = 60, MaxVelocity = 120;

    /// <summary>The tools needed.</summary>
    public static IReadOnlyList<ToolRequirement> Requirements(SynthesisTools tools)
    {
        tools ??= SynthesisTools.Default;
        return [new(tools.Fluidsynth, "fluidsynth"), new(tools.SoundFont, "fluid-soundfont-gm", IsFile: true)];
    }

    /// <summary>Writes the dataset (see <see cref="SynthesisOptions"/>); resumes when files are already there.</summary>
    /// <param name="options">Where, how many, seed.</param>
    /// <param name="progress">Receives (files done, files in all) after each file.</param>
    /// <param name="cancellation">Stops between files.</param>
    /// <exception cref="InvalidOperationException">fluidsynth or the soundfont is missing and cannot be installed (the message gives the command), or rendering fails.</exception>
    public static SynthesisResult Synthesize(SynthesisOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = new SynthesisTask<InstrumentRecipe>(TaskName, [.. Families.Select(f => f.Name)], Requirements(options.Tools),
            "Instruments: a MIDI file written in code (1-3 consecutive notes, key in the family's range, steps of at most\n" +
            $"{MaxInterval} semitones, velocity {MinVelocity}-{MaxVelocity}, onset in the first 15% of the clip, 40-85% of the clip long) rendered by\n" +
            "fluidsynth with the FluidR3 GM soundfont (default reverb and chorus); families: " +
            string.Join("; ", Families.Select(f => $"{f.Name} = programs {string.Join(' ', f.Programs)}, keys {f.LowestKey}-{f.HighestKey}")) +
            $";\nthe first clip length of the rendering is kept; noise at {MinSnrDb}-{MaxSnrDb} dB SNR.",
            (job, random) => Draw(job, random, options.ClipSeconds), recipe => Render(recipe, options));
        return DatasetSynthesizer.Run(task, options, progress, cancellation);
    }

    /// <summary>The recipe of a file from its random stream.</summary>
    public static InstrumentRecipe Draw(SynthesisJob job, DeterministicRandom random, double clipSeconds)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(random);
        InstrumentFamily family = Families.FirstOrDefault(f => f.Name == job.Label) ?? throw new ArgumentException($"unknown instrument family '{job.Label}'", nameof(job));
        int program = random.Pick(family.Programs);
        int count = random.NextInt(1, MaxNotes);
        double onset = random.NextDouble(0, 0.15) * clipSeconds, each = random.NextDouble(0.40, 0.85) * clipSeconds / count;
        var notes = new MidiNote[count];
        int key = random.NextInt(family.LowestKey, family.HighestKey);
        for (int n = 0; n < count; n++)
        {
            if (n > 0) key = Math.Clamp(key + random.NextInt(-MaxInterval, MaxInterval), family.LowestKey, family.HighestKey);
            notes[n] = new MidiNote(key, random.NextInt(MinVelocity, MaxVelocity), onset + n * each, each);
        }
        return new InstrumentRecipe(family.Name, program, notes, MixRecipe.Draw(random, MinSnrDb, MaxSnrDb));
    }

    /// <summary>Renders the recipe with fluidsynth and finishes the clip: exactly <see cref="SynthesisOptions.ClipSamples"/> samples at the options' rate.</summary>
    /// <exception cref="InvalidOperationException">fluidsynth failed or produced silence.</exception>
    public static float[] Render(InstrumentRecipe recipe, SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        string work = Directory.CreateTempSubdirectory("leaf-synth-").FullName;
        try
        {
            string midi = Path.Combine(work, "phrase.mid"), wav = Path.Combine(work, "phrase.wav");
            File.WriteAllBytes(midi, MidiFile.Write(recipe.Program, recipe.Notes));
            IReadOnlyList<ToolRequirement> tools = Requirements(options.Tools);
            // Loading only the samples the program uses halves fluidsynth's start-up; the audio is the same.
            ProcessRunner.RunChecked(tools[0].Locate() ?? options.Tools.Fluidsynth,
                ["-ni", "-q", "-o", "synth.dynamic-sample-loading=1", "-F", wav, "-r", options.SampleRate.ToString(CultureInfo.InvariantCulture), "-T", "wav", "-O", "float", options.Tools.SoundFont, midi],
                TimeSpan.FromMinutes(1));
            float[] rendered = AudioFile.Load(wav, new AudioLoadOptions { SampleRate = options.SampleRate }).Samples;
            float[] samples = AudioConditioning.CropOrPad(rendered, new CropOrPadOptions(options.ClipSamples, CropMode.Start));
            recipe.Mix.Apply(samples);
            return samples;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

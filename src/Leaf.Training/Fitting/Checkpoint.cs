using Leaf.Audio;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Fitting;

/// <summary>
/// A checkpoint file: the <see cref="TrainingState"/> as JSON, then the model's state dict, then the optimizer's (Adam moments and
/// step counts), all in one file written atomically (temporary file, then rename), so an interrupted write leaves the old one.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "leaf-checkpoint-1";

    /// <summary>Writes <paramref name="state"/>, <paramref name="model"/> and <paramref name="optimizer"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, TrainingState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(state.ToJson());
            model.save(writer);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Reads the checkpoint at <paramref name="path"/> into <paramref name="model"/> and <paramref name="optimizer"/> and returns its state.</summary>
    /// <exception cref="FormatException">The file is not a LEAF checkpoint, is truncated or does not fit the model.</exception>
    public static TrainingState Load(string path, nn.Module model, TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadString() != Magic) throw new FormatException($"{path} is not a LEAF training checkpoint");
            var state = TrainingState.FromJson(reader.ReadString());
            try
            {
                model.load(reader);
                optimizer?.load_state_dict(reader);
            }
            catch (ArgumentException e) { throw new FormatException($"{path} does not fit this model: {e.Message}", e); }
            return state;
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException($"{path} is truncated ({stream.Length} bytes): not a whole LEAF training checkpoint; delete it to start over", e);
        }
    }

    /// <summary>Reads only the model weights of the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a LEAF checkpoint or does not fit the model.</exception>
    public static TrainingState LoadWeights(string path, nn.Module model) => Load(path, model, null);
}

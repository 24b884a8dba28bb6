namespace Leaf.Frontends;

/// <summary>
/// The names in a training run folder (<c>leaf train --out DIR</c>, docs/training.md), in one place for the trainer that
/// writes them, the command line that exports next to them and the plots that read them.
/// </summary>
public static class RunFolder
{
    /// <summary>Name of the checkpoint of the latest epoch.</summary>
    public const string LastCheckpoint = "last.ckpt";
    /// <summary>Name of the checkpoint with the best validation accuracy.</summary>
    public const string BestCheckpoint = "best.ckpt";
    /// <summary>Name of the per-epoch metrics file.</summary>
    public const string MetricsFile = "metrics.csv";
    /// <summary>Name of the learned frontend description.</summary>
    public const string FrontendFile = "frontend.json";
    /// <summary>Name of the test report.</summary>
    public const string ReportFile = "report.json";
    /// <summary>Name of the folder of TensorBoard event files.</summary>
    public const string TensorBoardFolder = "tensorboard";
    /// <summary>Name of the runtime-free description of the trained classifier.</summary>
    public const string ClassifierFile = "classifier.json";
    /// <summary>Name of the learned frontend exported to ONNX.</summary>
    public const string FrontendModelFile = "frontend.onnx";
    /// <summary>Name of the whole classifier exported to ONNX.</summary>
    public const string ModelFile = "model.onnx";
    /// <summary>Name of the subfolder that holds the run's plots.</summary>
    public const string PlotsFolder = "plots";
}

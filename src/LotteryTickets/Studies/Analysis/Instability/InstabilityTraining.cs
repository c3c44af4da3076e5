using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging.Abstractions;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Trains the two copies of a stability test (Frankle et al., ICML 2020): from one start state and mask, with the same
/// options, differing only in their data-order seeds, masking after every optimizer step as an experiment run does.
/// With a folder per copy, each copy checkpoints into <c>&lt;folder&gt;/checkpoint/</c> (every
/// <see cref="CheckpointInterval"/> and when stopped), resumes from it bit for bit, and when done writes
/// <see cref="FinalFileName"/>, <see cref="MetricsFileName"/> and the <see cref="DoneFileName"/> marker last; a copy
/// whose folder has the marker is read, not retrained.
/// </summary>
/// <remarks>
/// A copy is prepared in the order of an experiment run: a model from <see cref="ModelFactory"/> (seeded with
/// <see cref="FactorySeed"/>), its trainer, the <see cref="Rewind"/> checkpoint restored with
/// <see cref="CheckpointRestoreMode.Rewind"/> (optimizer state, schedule and data position at iteration k), then
/// <see cref="StartWeights"/> loaded and the mask applied (<see cref="TicketMaskingCallback"/>), then the copy's own
/// checkpoint, if any, restored with <see cref="CheckpointRestoreMode.Resume"/>.
/// </remarks>
public sealed class InstabilityTraining
{
    /// <summary>The final weights' file name in a copy's folder.</summary>
    public const string FinalFileName = "final.safetensors";

    /// <summary>The metrics' file name in a copy's folder (<see cref="MetricsJson"/>).</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>The marker written last when a copy is done.</summary>
    public const string DoneFileName = "done";

    /// <summary>The folder of a copy's latest checkpoint, under its folder.</summary>
    public const string CheckpointFolderName = "checkpoint";

    /// <summary>Makes the network (weights are then overwritten by <see cref="StartWeights"/>).</summary>
    public required Func<Generator, nn.Module<Tensor, Tensor>> ModelFactory { get; init; }

    /// <summary>The seed of the generator given to <see cref="ModelFactory"/>, the same for both copies (it seeds the model's own random layers).</summary>
    /// <value>The default value is 0.</value>
    public ulong FactorySeed { get; init; }

    /// <summary>The state both copies start from (borrowed), e.g. the rewound weights of a ticket.</summary>
    public required IReadOnlyDictionary<string, Tensor> StartWeights { get; init; }

    /// <summary>The mask both copies train under (borrowed; dense for an unpruned network).</summary>
    public required Mask Mask { get; init; }

    /// <summary>The training position to start from, restored with <see cref="CheckpointRestoreMode.Rewind"/> (borrowed), or <see langword="null"/> for iteration 0.</summary>
    public TrainingCheckpoint? Rewind { get; init; }

    /// <summary>The training options; each copy replaces only <see cref="TrainingOptions.DataOrderSeed"/>.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The training set.</summary>
    public required ImageDataset TrainingSet { get; init; }

    /// <summary>The validation set the trainer evaluates on.</summary>
    public required ImageDataset ValidationSet { get; init; }

    /// <summary>The test set the trainer evaluates on.</summary>
    public required ImageDataset TestSet { get; init; }

    /// <summary>How often a copy with a folder saves its checkpoint, besides when it is stopped.</summary>
    /// <value>The default value is <see langword="null"/>: only when stopped.</value>
    public TrainingDuration? CheckpointInterval { get; init; }

    /// <summary>
    /// Further callbacks added to each copy's trainer after the masking callback and before the checkpointing one, e.g.
    /// progress reports (borrowed, not disposed). They must not be <see cref="ICheckpointableCallback"/>s.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Trains both copies (A, then B).</summary>
    /// <param name="seeds">The copies' data-order seeds.</param>
    /// <param name="folderA">Copy A's folder, or <see langword="null"/> to keep nothing on disk.</param>
    /// <param name="folderB">Copy B's folder, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops training between steps, leaving each folder resumable.</param>
    /// <returns>The two copies (owned by the caller).</returns>
    /// <exception cref="OperationCanceledException">Cancelled; a copy with a folder saved its checkpoint.</exception>
    public StabilityPair TrainPair(StabilitySeeds seeds, string? folderA = null, string? folderB = null, CancellationToken cancellationToken = default)
    {
        var a = TrainCopy(seeds.CopyA, folderA, cancellationToken);
        try
        {
            return new StabilityPair(a, TrainCopy(seeds.CopyB, folderB, cancellationToken));
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    /// <summary>Trains one copy with <paramref name="dataOrderSeed"/>, or reads it from <paramref name="folder"/> when it is done there.</summary>
    /// <param name="dataOrderSeed">The data-order seed.</param>
    /// <param name="folder">The copy's folder (created if missing), or <see langword="null"/> to keep nothing on disk.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The copy (owned by the caller).</returns>
    /// <exception cref="OperationCanceledException">Cancelled; with a folder, its checkpoint was saved.</exception>
    public StabilityCopy TrainCopy(ulong dataOrderSeed, string? folder = null, CancellationToken cancellationToken = default)
    {
        if (folder is not null && File.Exists(Path.Combine(folder, DoneFileName)))
        {
            return ReadCopy(dataOrderSeed, folder);
        }

        var options = Training.Copy();
        options.DataOrderSeed = dataOrderSeed;
        var job = new RunJob
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"copy with data-order seed {dataOrderSeed}"),
            ModelFactory = ModelFactory,
            ModelSeed = FactorySeed,
            Options = options,
            TrainingSet = TrainingSet,
            ValidationSet = ValidationSet,
            TestSet = TestSet,
            RewindPoint = Rewind,
            StartWeights = StartWeights,
            Mask = Mask,
            Callbacks = Callbacks,
        };
        var output = new CopyOutput(dataOrderSeed, folder);
        new RunExecutor(NullLogger.Instance, CheckpointInterval).Execute(job, folder, output, cancellationToken);
        return output.Copy!;
    }

    private static StabilityCopy ReadCopy(ulong dataOrderSeed, string folder)
    {
        var loaded = SafeTensors.Load(Path.Combine(folder, FinalFileName));
        var final = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in loaded)
        {
            final[name] = tensor;
        }

        return new StabilityCopy(dataOrderSeed, final, MetricsJson.Read(Path.Combine(folder, MetricsFileName)));
    }

    /// <summary>A copy's files: its final weights and metrics, then an empty <c>done</c> marker.</summary>
    private sealed class CopyOutput(ulong dataOrderSeed, string? folder) : IRunOutput
    {
        public StabilityCopy? Copy { get; private set; }

        public void Started(nn.Module<Tensor, Tensor> model)
        {
        }

        public void Write(nn.Module<Tensor, Tensor> model, RunMetrics metrics)
        {
            var final = StateDicts.Snapshot(model);
            if (folder is not null)
            {
                SafeTensors.Save(Path.Combine(folder, FinalFileName), final);
                AtomicFile.Write(Path.Combine(folder, MetricsFileName), stream => MetricsJson.Write(metrics, stream));
            }

            Copy = new StabilityCopy(dataOrderSeed, final, metrics);
        }

        public void MarkDone()
        {
            if (folder is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(folder, DoneFileName), string.Empty);
            }
        }
    }
}

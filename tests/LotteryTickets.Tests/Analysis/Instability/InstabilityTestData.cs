using LotteryTickets.Masks;
using LotteryTickets.Tests.Training;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

/// <summary>Shared set-ups of the instability tests, on <see cref="TinyTask"/>'s Gaussian blobs.</summary>
internal static class InstabilityTestData
{
    /// <summary>Trains a <see cref="PlainMlp"/> from <paramref name="seed"/> for 20 iterations with data order <paramref name="dataSeed"/>, returning its trainer's evaluation of the result.</summary>
    public static (PlainMlp Model, EvaluationRecord Evaluation) Trained(ulong seed, ulong dataSeed)
    {
        var model = PlainMlp.Create(seed);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(20);
        options.DataOrderSeed = dataSeed;
        using var trainer = TinyTask.CreateTrainer(model, options);
        trainer.Run();
        return (model, trainer.Evaluate());
    }

    /// <summary>A mask pruning every other weight of <c>fc1.weight</c> (by flat index) and nothing of <c>fc2.weight</c>.</summary>
    public static Mask HalfOfFc1(nn.Module model)
    {
        using var dense = Mask.Dense(model);
        using var scope = torch.NewDisposeScope();
        var tensors = dense.ToTensors();
        var fc1 = tensors["fc1.weight"];
        tensors["fc1.weight"] = torch.arange(fc1.numel()).remainder(2).to(ScalarType.Float32).reshape(fc1.shape);
        return Mask.Create(tensors, dense.Layers);
    }

    /// <summary>The values of the pruned positions of <c>fc1.weight</c> under <see cref="HalfOfFc1"/>, as raw bit patterns.</summary>
    public static int[] PrunedBits(Tensor fc1Weight)
    {
        var values = fc1Weight.detach().cpu().contiguous().data<float>().ToArray();
        return [.. values.Where((_, i) => i % 2 == 0).Select(BitConverter.SingleToInt32Bits)];
    }
}

using LotteryTickets.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Analysis.Instability;

/// <summary>Flatten → fc1 Linear(64, hidden) → ReLU → fc2 Linear(hidden, 4), seeded; counts training-mode forwards and can act on them.</summary>
internal sealed class PlainMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public PlainMlp(Generator generator, int hidden = 32)
        : base(nameof(PlainMlp))
    {
        fc1 = nn.Linear(64, hidden);
        fc2 = nn.Linear(hidden, 4);
        RegisterComponents();
        SeededInit.ResetParameters(this, generator);
    }

    public static PlainMlp Create(ulong seed, int hidden = 32)
    {
        using var generator = new Generator(seed);
        return new PlainMlp(generator, hidden);
    }

    /// <summary>Called with the number of training-mode forwards so far, after each one.</summary>
    public Action<int>? AfterTrainingForward { get; set; }

    /// <summary>Called with the first layer's weight at each evaluation-mode forward.</summary>
    public Action<Tensor>? AtEvaluationForward { get; set; }

    public int TrainingForwards { get; private set; }

    public Tensor Fc1Weight => fc1.weight!;

    public override Tensor forward(Tensor input)
    {
        if (training)
        {
            TrainingForwards++;
            AfterTrainingForward?.Invoke(TrainingForwards);
        }
        else
        {
            AtEvaluationForward?.Invoke(fc1.weight!);
        }

        using var flat = input.flatten(1);
        using var hidden = fc1.call(flat);
        using var relu = nn.functional.relu(hidden);
        return fc2.call(relu);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fc1.Dispose();
            fc2.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>conv1 Conv2d(1, 4, 3, padding 1) → bn1 BatchNorm2d(4) → ReLU → Flatten → fc1 Linear(256, 4), seeded.</summary>
internal sealed class BatchNormConvNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Linear fc1;

    public BatchNormConvNet(ulong seed)
        : base(nameof(BatchNormConvNet))
    {
        conv1 = nn.Conv2d(1, 4, 3, padding: 1);
        bn1 = nn.BatchNorm2d(4);
        fc1 = nn.Linear(256, 4);
        RegisterComponents();
        using var generator = new Generator(seed);
        SeededInit.ResetParameters(this, generator);
    }

    public BatchNorm2d Bn1 => bn1;

    public Conv2d Conv1 => conv1;

    public override Tensor forward(Tensor input)
    {
        using var c = conv1.call(input);
        using var b = bn1.call(c);
        using var r = nn.functional.relu(b);
        using var flat = r.flatten(1);
        return fc1.call(flat);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            fc1.Dispose();
        }

        base.Dispose(disposing);
    }
}

using LotteryTickets.Datasets;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.init;

namespace LotteryTickets.Models;

/// <summary>
/// He et al.'s ResNet for CIFAR (depth 6n + 2): <c>conv1</c> (3×3, 16 filters, no bias) → <c>bn1</c> →
/// ReLU, three stages <c>layer1</c>, <c>layer2</c>, <c>layer3</c> of n <see cref="BasicBlock"/>s with 16, 32
/// and 64 filters (the first block of the second and third stages has stride 2), a global average pool and
/// the output layer <c>fc</c>. Shortcuts are the identity, or a 1×1 convolution with batch norm where the
/// shape changes (option B, as Su et al.'s code).
/// </summary>
/// <remarks>
/// <para>Parameter names are those of the PyTorch model: <c>conv1.weight</c>, <c>bn1.weight</c>,
/// <c>bn1.bias</c>, <c>layer1.0.conv1.weight</c>, …, <c>layer2.0.downsample.0.weight</c> (the projection),
/// <c>layer2.0.downsample.1.weight</c> (its batch norm), …, <c>fc.weight</c>, <c>fc.bias</c>; each batch norm
/// also has the buffers <c>running_mean</c>, <c>running_var</c> and <c>num_batches_tracked</c>. Prunable
/// layers (<see cref="Masks.PrunableParameters"/>): every convolution weight, projections included, and
/// <c>fc.weight</c> (the output layer); batch-norm parameters and biases are not pruned.</para>
/// <para>Initialization as Su et al.'s code: convolution weights He-normal with fan-out and ReLU gain,
/// N(0, 2/(9·out)) for 3×3; batch-norm scales 1 and shifts 0; <c>fc</c> weights N(0, 0.01²) and bias 0. The
/// layers are first built with PyTorch's defaults from the generator (in parameter order), then re-initialized
/// from it in the same order.</para>
/// <para>Parameter counts for 3×32×32 inputs and 10 classes: ResNet-20 272,474 (0.27M); ResNet-32 466,906
/// (0.47M); ResNet-56 855,770 (0.86M; 853,018 with He et al.'s parameter-free option-A shortcuts).
/// Su et al. double the filters (32, 64, 128) "according to the GraSP code": use a width multiplier of 2.
/// Their code switches to bottleneck blocks from depth 54 on; this class keeps basic blocks at every depth
/// (He et al.'s CIFAR ResNet-56), and their experiments use ResNet-32.</para>
/// <para>Any input size is accepted: each stride-2 stage maps a side s to ⌈s/2⌉ (32 → 16 → 8) and the
/// average pool covers the whole final map.</para>
/// </remarks>
public sealed class ResNet : nn.Module<Tensor, Tensor>, IResidualNetwork
{
    private static readonly long[] StageWidths = [16, 32, 64];
    private readonly List<BasicBlock> blocks = [];
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential[] stages;
    private readonly Linear fc;

    /// <summary>Builds the network with the reference initialization (see the remarks).</summary>
    /// <param name="depth">The number of weight layers on the main path, 6n + 2 with n ≥ 1: 20, 32, 44, 56, 110, ….</param>
    /// <param name="input">The shape of one sample (3×32×32 for CIFAR-10).</param>
    /// <param name="classes">The number of output classes.</param>
    /// <param name="widthMultiplier">Scales every width (16, 32, 64; rounded, at least 1); 1 for He et al.'s network, 2 for Su et al.'s.</param>
    /// <param name="generator">The random generator for the initialization (not kept); null for the global one.</param>
    /// <exception cref="ArgumentException">The depth, shape, class count or width multiplier is invalid.</exception>
    public ResNet(int depth, SampleShape input, int classes = 10, double widthMultiplier = 1.0, Generator? generator = null)
        : base(nameof(ResNet))
    {
        if (depth < 8 || (depth - 2) % 6 != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(depth), depth, $"The depth of 'resnet' is {depth}; it must be 6n + 2 for some n ≥ 1 (8, 14, 20, 32, 44, 56, 110, …). Use 'resnet20', 'resnet32' or 'resnet56' from the zoo.");
        }

        var name = "resnet" + depth;
        ModelInput.RequireValid(name, input, classes, widthMultiplier);
        Depth = depth;
        Input = input;
        Classes = classes;
        BlocksPerStage = (depth - 2) / 6;

        var channels = ModelInput.Scale(StageWidths[0], widthMultiplier);
        conv1 = nn.Conv2d(input.Channels, channels, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(channels);
        register_module(nameof(conv1), conv1);
        register_module(nameof(bn1), bn1);
        stages = new Sequential[StageWidths.Length];
        for (var s = 0; s < StageWidths.Length; s++)
        {
            var width = ModelInput.Scale(StageWidths[s], widthMultiplier);
            var stage = nn.Sequential();
            for (var b = 0; b < BlocksPerStage; b++)
            {
                var block = new BasicBlock(channels, width, stride: s > 0 && b == 0 ? 2 : 1);
                stage.append(block);
                blocks.Add(block);
                channels = width;
            }

            register_module("layer" + (s + 1), stage);
            stages[s] = stage;
        }

        fc = nn.Linear(channels, classes);
        register_module(nameof(fc), fc);
        RegisterComponents();
        ModelInput.Initialize(this, generator);
        ReferenceInitialization.Apply(this, FanInOut.FanOut, generator);
    }

    /// <summary>The number of weight layers on the main path (6n + 2).</summary>
    public int Depth { get; }

    /// <summary>The registry name of this network: <c>resnet20</c>, <c>resnet32</c>, <c>resnet56</c>, ….</summary>
    public string ZooName => "resnet" + Depth;

    /// <summary>The shape of one input sample.</summary>
    public SampleShape Input { get; }

    /// <summary>The number of output classes.</summary>
    public int Classes { get; }

    /// <summary>The number n of residual blocks in each of the three stages ((depth − 2) / 6).</summary>
    public int BlocksPerStage { get; }

    /// <inheritdoc />
    public int ResidualBlockCount => blocks.Count;

    /// <summary>The first convolution (before the stages).</summary>
    public Conv2d Conv1 => conv1;

    /// <summary>The batch norm after <see cref="Conv1"/>.</summary>
    public BatchNorm2d Bn1 => bn1;

    /// <summary>The three stages <c>layer1</c>, <c>layer2</c>, <c>layer3</c>, each a sequence of <see cref="BasicBlock"/>s.</summary>
    public IReadOnlyList<Sequential> Stages => stages;

    /// <summary>Every residual block, stage after stage.</summary>
    public IReadOnlyList<BasicBlock> Blocks => blocks;

    /// <summary>The output layer (logits).</summary>
    public Linear Fc => fc;

    /// <summary>Computes the logits of a batch (batch norm uses batch statistics in training mode and the running ones after <c>eval()</c>).</summary>
    /// <param name="input">A batch of shape [N, C, H, W] matching <see cref="Input"/>.</param>
    /// <returns>Logits of shape [N, classes], owned by the caller (and the innermost dispose scope).</returns>
    public override Tensor forward(Tensor input)
    {
        ModelInput.RequireBatch(ZooName, input, Input);
        var x = bn1.call(conv1.call(input)).relu();
        foreach (var stage in stages)
        {
            x = stage.call(x);
        }

        return fc.call(ModelInput.GlobalAveragePool(x));
    }
}

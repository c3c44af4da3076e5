using LotteryTickets.Datasets;
using LotteryTickets.Initialization;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Initialization;

public class ScoringTransformTests
{
    private static readonly string[] Generators =
        ["snip", "snip_random_labels", "snip_shuffled_pixels", "grasp", "grasp_random_labels", "grasp_shuffled_pixels", "synflow"];

    [TestCaseSource(nameof(Generators))]
    public void TheGeneratedMaskKeepsTheTicketsTotalCountAndTheWeights(string name)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out var kept);
        var transform = Fast(TicketTransforms.Get(name));

        using var result = Apply(transform, ticket, seed: 3);

        Assert.That(Kept(result.Mask), Is.EqualTo(kept));
        Assert.That(result.Mask.ContentEquals(ticket.Mask), Is.False, "a new mask, not the incoming one");
        foreach (var (key, value) in ticket.Weights)
        {
            Assert.That(result.Weights[key].IsSameAs(value), key);
        }
    }

    [TestCaseSource(nameof(Generators))]
    public void TheSameSeedGivesTheSameMask(string name)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out _);
        var transform = Fast(TicketTransforms.Get(name));

        using var first = Apply(transform, ticket, seed: 5);
        using var second = Apply(transform, ticket, seed: 5);

        Assert.That(first.Mask.ContentEquals(second.Mask), Is.True);
    }

    [TestCase("snip")]
    [TestCase("grasp")]
    public void AnotherSeedDrawsAnotherBatchAndSoAnotherMask(string name)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out _);
        var transform = TicketTransforms.Get(name);

        using var first = Apply(transform, ticket, seed: 5);
        using var second = Apply(transform, ticket, seed: 6);

        Assert.That(first.Mask.ContentEquals(second.Mask), Is.False);
    }

    [TestCase("snip", "snip_random_labels")]
    [TestCase("snip", "snip_shuffled_pixels")]
    [TestCase("grasp", "grasp_random_labels")]
    [TestCase("grasp", "grasp_shuffled_pixels")]
    public void TheDataSanityChecksScoreOnOtherData(string original, string variant)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out _);

        using var a = Apply(TicketTransforms.Get(original), ticket, seed: 5);
        using var b = Apply(TicketTransforms.Get(variant), ticket, seed: 5);

        Assert.That(a.Mask.ContentEquals(b.Mask), Is.False);
    }

    /// <remarks>
    /// TorchSharp's live-tensor counter never gives back the count of a tensor whose handle moved into a
    /// <see cref="TorchSharp.Modules.Parameter"/> (every layer constructor and every dtype conversion of a module makes
    /// such parameters), so the count may grow by exactly what building the scoring model (and, for GraSP and SynFlow,
    /// its round trip through float64) grows it by on its own, and by nothing more.
    /// </remarks>
    [TestCase("snip", false)]
    [TestCase("grasp_random_labels", true)]
    [TestCase("synflow", true)]
    public void ApplyingReleasesEveryTemporaryTensor(string name, bool convertsToFloat64)
    {
        Ticket ticket;
        using (NewDisposeScope())
        {
            ticket = SparseTicket(out _);
        }

        using (ticket)
        {
            var transform = Fast(TicketTransforms.Get(name));
            Apply(transform, ticket, seed: 3).Dispose();
            var control = Growth(() =>
            {
                using var model = TinyExperiment.CreateModel(new Generator(1));
                if (convertsToFloat64)
                {
                    model.to(ScalarType.Float64);
                    model.to(ScalarType.Float32);
                }
            });

            var growth = Growth(() => Apply(transform, ticket, seed: 3).Dispose());

            Assert.That(growth, Is.EqualTo(control));
        }
    }

    [Test]
    public void TheRegistryHoldsEveryGeneratorWithItsVariant()
    {
        Assert.That(TicketTransforms.Names, Is.SupersetOf(Generators));
        Assert.That(((SnipPruning)TicketTransforms.Get("snip_random_labels")).DataVariant, Is.EqualTo(ScoringDataVariant.RandomLabels));
        Assert.That(((GraspPruning)TicketTransforms.Get("grasp_shuffled_pixels")).DataVariant, Is.EqualTo(ScoringDataVariant.ShuffledPixels));
        Assert.That(((GraspPruning)TicketTransforms.Get("grasp")).Temperature, Is.EqualTo(200));
        Assert.That(((SynFlowPruning)TicketTransforms.Get("synflow")).Rounds, Is.EqualTo(100));
        Assert.That(new SnipPruning(new SnipOptions { SamplesPerClass = 3 }).DescribeParameters(), Is.EqualTo(new Dictionary<string, object?> { ["samplesPerClass"] = 3 }));
        Assert.That(new GraspPruning().DescribeParameters(), Is.Empty);
    }

    [TestCase("snip")]
    [TestCase("grasp")]
    [TestCase("synflow")]
    public void AContextWithoutAModelFactoryFailsNamingTheTransform(string name)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out _);
        using var generator = new Generator(1);
        var context = new TicketTransformContext(ticket.Mask.Layers, ticket.Weights, ticket.Weights, generator, 1, _ => ticket.Weights)
        {
            TrainingData = TinyExperiment.Splits.Train,
        };

        var error = Assert.Throws<InvalidOperationException>(() => TicketTransforms.Get(name).Apply(ticket, context))!;

        Assert.That(error.Message, Is.EqualTo(
            $"The ticket transform '{name}' needs the experiment's model factory, but the context has none; set 'ModelFactory' on the TicketTransformContext (the experiment runner sets it)."));
    }

    [TestCase("snip_random_labels")]
    [TestCase("grasp")]
    [TestCase("synflow")]
    public void AContextWithoutTrainingDataFailsNamingTheTransform(string name)
    {
        using var scope = NewDisposeScope();
        using var ticket = SparseTicket(out _);
        using var generator = new Generator(1);
        var context = new TicketTransformContext(ticket.Mask.Layers, ticket.Weights, ticket.Weights, generator, 1, _ => ticket.Weights)
        {
            ModelFactory = TinyExperiment.CreateModel,
        };

        var error = Assert.Throws<InvalidOperationException>(() => TicketTransforms.Get(name).Apply(ticket, context))!;

        Assert.That(error.Message, Is.EqualTo(
            $"The ticket transform '{name}' needs the training data, but the context has none; set 'TrainingData' on the TicketTransformContext (the experiment runner sets it)."));
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        var error = Assert.Throws<ArgumentException>(() => new GraspPruning(new GraspOptions { SamplesPerClass = 0, DataVariant = (ScoringDataVariant)7, Temperature = -1 }))!;

        Assert.That(error.Message, Is.EqualTo(
            "The 'GraspOptions' are invalid." + Environment.NewLine +
            "- The 'SamplesPerClass' is 0; it must be at least 1 (Su et al. use 10)." + Environment.NewLine +
            "- The 'DataVariant' 7 is not defined; use Original, RandomLabels or ShuffledPixels." + Environment.NewLine +
            "- The 'Temperature' is -1; it must be a positive number (GraSP uses 200)."));
        Assert.That(
            Assert.Throws<ArgumentException>(() => new SynFlowPruning(new SynFlowOptions { Rounds = 0 }))!.Message,
            Is.EqualTo("The 'SynFlowOptions' are invalid." + Environment.NewLine + "- The 'Rounds' is 0; it must be at least 1 (Tanaka et al. use 100)."));
    }

    [Test]
    public void SnipKeepsTheHighestScoresOverAllLayers()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(2));
        var layers = PrunableParameters.Select(model);
        var (images, labels) = ClassBalancedBatch.Select(TinyExperiment.Splits.Train, 10, 1).ToTensors();
        var scores = SnipScores.Compute(model, images, labels, layers);
        using var g = new Generator(1);

        using var mask = ScoreMask.KeepTop(scores, layers, 300, g);

        var kept = layers.Select(l => scores[l.Name].masked_select(mask[l.Name].ne(0))).ToArray();
        var pruned = layers.Select(l => scores[l.Name].masked_select(mask[l.Name].eq(0))).ToArray();
        Assert.That(Kept(mask), Is.EqualTo(300));
        Assert.That(kept.Min(t => t.numel() == 0 ? double.MaxValue : t.min().ToDouble()), Is.GreaterThanOrEqualTo(pruned.Max(t => t.numel() == 0 ? double.MinValue : t.max().ToDouble())));
    }

    [Test]
    public void SynFlowLeavesTheModelAsItFoundIt()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(2));
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        var layers = PrunableParameters.Select(model);
        using var g = new Generator(1);

        using var mask = SynFlowScores.Prune(model, new SampleShape(1, 8, 8), layers, 200, g, rounds: 3);

        Assert.That(model.training, Is.True);
        foreach (var (name, value) in model.state_dict())
        {
            Assert.That(value.dtype, Is.EqualTo(ScalarType.Float32), name);
            Assert.That(value.IsSameAs(before[name]), name);
        }

        Assert.That(Kept(mask), Is.EqualTo(200));
    }

    [Test]
    public void TheScoringBatchHoldsTheSameNumberOfEveryClass()
    {
        var data = TinyExperiment.Splits.Train;

        var indices = ClassBalancedBatch.Indices(data, 7, 42);

        Assert.That(indices, Is.Unique);
        Assert.That(indices.Select(i => data.Labels[i]), Is.EqualTo(Enumerable.Range(0, data.ClassCount).SelectMany(c => Enumerable.Repeat(c, 7))));
        Assert.That(ClassBalancedBatch.Indices(data, 7, 42), Is.EqualTo(indices));
        Assert.That(ClassBalancedBatch.Indices(data, 7, 43), Is.Not.EqualTo(indices));
        var error = Assert.Throws<ArgumentException>(() => ClassBalancedBatch.Indices(data.Slice(0, 8), 5, 1))!;
        Assert.That(error.Message, Does.StartWith("The dataset 'train' has fewer than 5 samples of the class(es) "));
    }

    private static ITicketTransform Fast(ITicketTransform transform) =>
        transform is SynFlowPruning ? new SynFlowPruning(new SynFlowOptions { Rounds = 5 }) : transform;

    /// <summary>A ticket of the tiny MLP whose mask keeps 30% of each layer at random.</summary>
    private static Ticket SparseTicket(out long kept)
    {
        using var model = TinyExperiment.CreateModel(new Generator(9));
        var layers = PrunableParameters.Select(model);
        using var g = new Generator(4);
        var tensors = layers.ToDictionary(l => l.Name, l => torch.rand(l.Shape, generator: g).lt(0.3).to(ScalarType.Float32));
        using var mask = Mask.Create(tensors, layers);
        kept = Kept(mask);
        return new Ticket(mask, model.state_dict());
    }

    private static Ticket Apply(ITicketTransform transform, Ticket ticket, ulong seed)
    {
        using var generator = new Generator(seed);
        var context = new TicketTransformContext(ticket.Mask.Layers, ticket.Weights, ticket.Weights, generator, seed, _ => ticket.Weights)
        {
            ModelFactory = TinyExperiment.CreateModel,
            TrainingData = TinyExperiment.Splits.Train,
        };
        return transform.Apply(ticket, context);
    }

    private static long Growth(Action action)
    {
        var before = torch.Tensor.TotalCount;
        action();
        return torch.Tensor.TotalCount - before;
    }

    private static long Kept(Mask mask) => mask.Layers.Sum(l => mask[l.Name].count_nonzero().ToInt64());
}

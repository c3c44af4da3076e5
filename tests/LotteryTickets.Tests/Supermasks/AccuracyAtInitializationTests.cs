using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Pruning;
using LotteryTickets.Supermasks;
using LotteryTickets.Tests.Experiments;
using TorchSharp;
using LotteryTickets.Masks;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Supermasks;

public class AccuracyAtInitializationTests
{
    private static ImageDataset Test => TinyExperiment.Splits.Test;

    [Test]
    public void RowsCoverEveryCriterionTimesSparsityWithTheRightPercentRemaining()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var initial = SupermaskTestNetworks.Snapshot(model);
        using var trainedModel = TinyExperiment.CreateModel(new Generator(2));
        var trained = SupermaskTestNetworks.Snapshot(trainedModel);
        double[] sparsities = [0.5, 0.8, 0.97];

        var result = AccuracyAtInitialization.Evaluate(model, initial, trained, Test, new AccuracyAtInitializationOptions { Sparsities = sparsities });

        var layers = PrunableParameters.Select(model);
        var expected = MaskCriteria.Names.SelectMany(c => sparsities.Select(s => (c, s))).ToList();
        Assert.That(result.Rows.Select(r => (r.Criterion, r.Sparsity)), Is.EqualTo(expected));
        foreach (var row in result.Rows)
        {
            var kept = layers.Sum(l => l.Count - (long)Math.Ceiling(row.Sparsity * l.Count - 1e-9));
            Assert.That(row.PercentRemaining, Is.EqualTo(100.0 * kept / layers.Sum(l => l.Count)).Within(1e-12), $"{row.Criterion} at {row.Sparsity}");
            Assert.That(row.TestAccuracy, Is.InRange(0.0, 1.0));
        }

        Assert.That(result.Transform, Is.Null);
    }

    [Test]
    public void GlobalScopeKeepsTheTargetCountOverAllLayers()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var initial = SupermaskTestNetworks.Snapshot(model);
        var options = new AccuracyAtInitializationOptions { Criteria = [MaskCriteria.LargeInit], Sparsities = [0.9], Scope = PruningScope.Global };

        var row = AccuracyAtInitialization.Evaluate(model, initial, initial, Test, options).Rows.Single();

        Assert.That(row.PercentRemaining, Is.EqualTo(100.0 * (2180 - 1962) / 2180).Within(1e-12));
    }

    [Test]
    public void TheMaskIsAppliedToTheInitialWeights()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var initial = SupermaskTestNetworks.Snapshot(model);
        using var trainedModel = TinyExperiment.CreateModel(new Generator(2));
        var trained = SupermaskTestNetworks.Snapshot(trainedModel);
        var options = new AccuracyAtInitializationOptions { Criteria = [MaskCriteria.LargeFinal], Sparsities = [0.6] };

        var row = AccuracyAtInitialization.Evaluate(model, initial, trained, Test, options).Rows.Single();

        var (accuracy, loss) = IndependentEvaluation(initial, trained, 0.6, negate: false);
        Assert.That(row.TestAccuracy, Is.EqualTo(accuracy));
        Assert.That(row.TestLoss, Is.EqualTo(loss).Within(1e-5));
        var (trainedAccuracy, trainedLoss) = IndependentEvaluation(trained, trained, 0.6, negate: false);
        Assert.That(row.TestLoss, Is.Not.EqualTo(trainedLoss).Within(1e-5), "masking the trained weights would give another loss");
    }

    [Test]
    public void ATransformChangesTheEvaluatedWeightsAndNamesTheResult()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var initial = SupermaskTestNetworks.Snapshot(model);
        using var trainedModel = TinyExperiment.CreateModel(new Generator(2));
        var trained = SupermaskTestNetworks.Snapshot(trainedModel);
        var options = new AccuracyAtInitializationOptions { Criteria = [MaskCriteria.LargeFinal], Sparsities = [0.6], Transform = new NegatedWeights() };

        var result = AccuracyAtInitialization.Evaluate(model, initial, trained, Test, options);

        var (accuracy, loss) = IndependentEvaluation(initial, trained, 0.6, negate: true);
        Assert.That(result.Rows[0].TestAccuracy, Is.EqualTo(accuracy));
        Assert.That(result.Rows[0].TestLoss, Is.EqualTo(loss).Within(1e-5));
        Assert.That(result.Transform, Is.EqualTo("negated"));
        Assert.That(result.ToCsv(), Does.Contain("large_final,negated,0.6,"));
    }

    [Test]
    public void RandomReinitializationDrawsFromTheModelFactory()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var initial = SupermaskTestNetworks.Snapshot(model);
        var options = new AccuracyAtInitializationOptions
        {
            Criteria = [MaskCriteria.LargeInit],
            Sparsities = [0.0],
            Transform = LotteryTickets.Initialization.TicketTransforms.RandomReinitialization,
        };

        var ex = Assert.Throws<InvalidOperationException>(() => AccuracyAtInitialization.Evaluate(model, initial, initial, Test, options));
        Assert.That(ex!.Message, Is.EqualTo(
            "The ticket transform 'random_reinit' needs freshly initialized weights, but 'AccuracyAtInitializationOptions.ModelFactory' is not set; set it to the function that builds the model from a generator."));

        options.ModelFactory = TinyExperiment.CreateModel;
        var reinit = AccuracyAtInitialization.Evaluate(model, initial, initial, Test, options).Rows.Single();
        options.Transform = null;
        var plain = AccuracyAtInitialization.Evaluate(model, initial, initial, Test, options).Rows.Single();
        Assert.That(reinit.TestLoss, Is.Not.EqualTo(plain.TestLoss));
    }

    [Test]
    public void TheModelIsRestoredAfterTheEvaluation()
    {
        using var scope = NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var before = SupermaskTestNetworks.Snapshot(model);
        using var other = TinyExperiment.CreateModel(new Generator(2));

        AccuracyAtInitialization.Evaluate(model, SupermaskTestNetworks.Snapshot(other), before, Test, new AccuracyAtInitializationOptions { Sparsities = [0.9] });

        foreach (var (name, tensor) in model.state_dict())
        {
            Assert.That(tensor.IsSameAs(before[name]), Is.True, name);
        }
    }

    [Test]
    public void TheTablesFollowTheResultsConventions()
    {
        var result = new AccuracyAtInitializationResult(null,
        [
            new AccuracyAtInitializationRow("large_final", 0.8, 20.0, 0.51234, 1.5),
            new AccuracyAtInitializationRow("large_final", 0.9, 10.09, 0.4, 2.0),
            new AccuracyAtInitializationRow("random", 0.8, 20.0, 0.1, 2.3),
            new AccuracyAtInitializationRow("random", 0.9, 10.09, 0.0999, 2.31),
        ]);

        Assert.That(result.ToCsv(), Is.EqualTo(
            "criterion,transform,sparsity,percentRemaining,testAccuracy,testLoss\n" +
            "large_final,none,0.8,20,0.51234,1.5\n" +
            "large_final,none,0.9,10.09,0.4,2\n" +
            "random,none,0.8,20,0.1,2.3\n" +
            "random,none,0.9,10.09,0.0999,2.31\n"));
        Assert.That(result.ToMarkdown().Split('\n')[0], Is.EqualTo("| criterion   | transform | % remaining | test acc | test loss |"));
        Assert.That(result.ToMarkdown().Split('\n')[2], Is.EqualTo("| large_final | none      |          20 |   0.5123 |    1.5000 |"));
        Assert.That(result.ToMarkdownGrid(), Is.EqualTo(
            "| criterion \\ % remaining | 20     | 10.1   |\n" +
            "| ----------------------- | -----: | -----: |\n" +
            "| large_final             | 0.5123 | 0.4000 |\n" +
            "| random                  | 0.1000 | 0.0999 |\n"));
        var chart = result.ToChart();
        Assert.That(chart.XScale, Is.EqualTo(LotteryTickets.Results.Plots.XAxisScale.LogDecreasing));
        Assert.That(chart.Series.Select(s => s.Name), Is.EqualTo(new[] { "large_final", "random" }));
        Assert.That(chart.Series[1].Points.Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (20.0, 0.1), (10.09, 0.0999) }));
        Assert.That(LotteryTickets.Results.Plots.SvgLineChart.Render(chart), Does.Contain("<svg").And.Contain("large_final"));
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var options = new AccuracyAtInitializationOptions { Criteria = [], Sparsities = [0.5, 1.5], EvaluationBatchSize = 0 };

        var ex = Assert.Throws<ArgumentException>(() => AccuracyAtInitialization.Evaluate(
            model, new Dictionary<string, Tensor>(), new Dictionary<string, Tensor>(), Test, options));

        Assert.That(ex!.Message, Does.StartWith(
            "The 'AccuracyAtInitializationOptions' are invalid. Correct the following and try again:" + Environment.NewLine +
            "- 'Criteria' is empty; give at least one mask criterion, e.g. MaskCriteria.LargeFinal." + Environment.NewLine +
            "- 'Sparsities[1]' is 1.5; it must be at least 0 and less than 1." + Environment.NewLine +
            "- 'EvaluationBatchSize' is 0; it must be at least 1."));
    }

    // Keeps the top (1 − s) of |w_f| in each layer by sorting in C#, applies it to (optionally negated) w_i and evaluates by hand.
    private static (double Accuracy, double Loss) IndependentEvaluation(
        IReadOnlyDictionary<string, Tensor> start, IReadOnlyDictionary<string, Tensor> trained, double sparsity, bool negate)
    {
        using var scope = NewDisposeScope();
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, w) in start)
        {
            if (!name.EndsWith(".weight", StringComparison.Ordinal))
            {
                weights[name] = w;
                continue;
            }

            var magnitudes = trained[name].contiguous().data<float>().ToArray().Select(MathF.Abs).ToArray();
            var prune = (int)Math.Ceiling(sparsity * magnitudes.Length - 1e-9);
            var threshold = magnitudes.Order().ElementAt(prune - 1);
            var values = w.contiguous().data<float>().ToArray();
            var masked = values.Select((v, i) => magnitudes[i] > threshold ? (negate ? -v : v) : 0f).ToArray();
            weights[name] = torch.tensor(masked, w.shape);
        }

        using var net = TinyExperiment.CreateModel(new Generator(99));
        StateDicts.Load(net, weights);
        net.eval();
        using var noGrad = torch.no_grad();
        var (images, labels) = Test.ToTensors();
        var logits = net.call(images);
        var accuracy = logits.argmax(1).eq(labels).sum().ToInt64() / (double)Test.Count;
        var loss = torch.nn.functional.cross_entropy(logits, labels).ToDouble();
        return (accuracy, loss);
    }
}

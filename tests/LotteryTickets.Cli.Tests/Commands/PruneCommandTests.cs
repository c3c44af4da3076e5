using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Parts;

namespace LotteryTickets.Cli.Tests.Commands;

public class PruneCommandTests
{
    private static readonly string PartsAssembly = typeof(PartsModule).Assembly.Location;

    private TemporaryFolder folder = null!;
    private Dictionary<string, float[]> weights = null!;
    private string weightsPath = null!;
    private string outPath = null!;

    [SetUp]
    public void SetUp()
    {
        folder = new TemporaryFolder();
        weights = WeightFiles.Values();
        weightsPath = folder.File("weights.safetensors");
        outPath = folder.File("masks.safetensors");
        WeightFiles.Write(weightsPath, weights);
    }

    [TearDown]
    public void TearDown() => folder.Dispose();

    private CliResult Prune(params string[] extra) =>
        Lottery.Run(["prune", "--weights", weightsPath, "--out", outPath, .. extra]);

    private CliResult PruneLayerwiseWith(params string[] extra) => Prune(["--scope", "layerwise", "--sparsity", "0.6", .. extra]);

    [Test]
    public void LayerwiseSparsityPrunesEachLayerToTheTargetAndKeepsTheLargestWeights()
    {
        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--sparsity", "0.6");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var masks = WeightFiles.Read(outPath);
        Assert.Multiple(() =>
        {
            Assert.That(masks.Keys, Is.EquivalentTo(new[] { "fc1.weight", "fc2.weight" }));
            Assert.That(masks["fc1.weight"], Is.EqualTo(WeightFiles.KeepLargest(weights["fc1.weight"], 80)));
            Assert.That(masks["fc2.weight"], Is.EqualTo(WeightFiles.KeepLargest(weights["fc2.weight"], 20)));
        });
    }

    [Test]
    public void GlobalSparsityUsesOneThresholdAcrossLayers()
    {
        // 250 prunable weights, 150 pruned; fc1's magnitudes are all below fc2's, so fc1 loses all 150.
        var result = Prune("--criterion", "large_final", "--scope", "global", "--sparsity", "0.6");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var masks = WeightFiles.Read(outPath);
        Assert.Multiple(() =>
        {
            Assert.That(masks["fc1.weight"].Sum(), Is.EqualTo(50));
            Assert.That(masks["fc2.weight"].Sum(), Is.EqualTo(50));
            Assert.That(masks["fc1.weight"], Is.EqualTo(WeightFiles.KeepLargest(weights["fc1.weight"], 50)));
        });
    }

    [Test]
    public void TheReportTablePrintsCountsPerLayerAndTheTotal()
    {
        var result = Prune("--criterion", "large_final", "--scope", "global", "--sparsity", "0.6");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "layer", "weights", "remaining", "pruned", "%", "remaining", "sparsity" }));
            Assert.That(lines.Single(l => l.StartsWith("fc1.weight", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "fc1.weight", "200", "50", "150", "25.00", "0.7500" }));
            Assert.That(lines.Single(l => l.StartsWith("fc2.weight", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "fc2.weight", "50", "50", "0", "100.00", "0.0000" }));
            Assert.That(lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "total", "250", "100", "150", "40.00", "0.6000" }));
            Assert.That(result.Stdout, Does.Not.Contain("fc1.bias"));
            Assert.That(result.Stderr, Does.Contain("Wrote the mask (large_final, global, to sparsity 0.6, seed 0)"));
        });
    }

    [Test]
    public void AStartingMaskKeepsItsPrunedWeightsPrunedAndRatePrunesOfTheRemaining()
    {
        // Prune the 30 largest weights of fc1 and the 10 largest of fc2 in the starting mask: large_final would keep them.
        var start = new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["fc1.weight"] = WeightFiles.KeepLargest(weights["fc1.weight"], 30).Select(k => 1 - k).ToArray(),
            ["fc2.weight"] = WeightFiles.KeepLargest(weights["fc2.weight"], 10).Select(k => 1 - k).ToArray(),
        };
        var maskPath = folder.File("start.safetensors");
        WeightFiles.Write(maskPath, start);

        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--rate", "0.5", "--mask", maskPath);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var masks = WeightFiles.Read(outPath);
        Assert.Multiple(() =>
        {
            // fc1: 170 remain, 85 pruned; fc2: 40 remain, 20 pruned.
            Assert.That(masks["fc1.weight"], Is.EqualTo(WeightFiles.KeepLargest(weights["fc1.weight"], 85, start["fc1.weight"])));
            Assert.That(masks["fc2.weight"], Is.EqualTo(WeightFiles.KeepLargest(weights["fc2.weight"], 20, start["fc2.weight"])));
            Assert.That(masks["fc1.weight"].Where((m, i) => start["fc1.weight"][i] == 0), Is.All.EqualTo(0f));
        });
    }

    [Test]
    public void TheSameSeedGivesTheSameRandomMaskAndAnotherSeedAnother()
    {
        string[] args = ["--criterion", "random", "--scope", "layerwise", "--sparsity", "0.5"];
        Prune([.. args, "--seed", "7"]);
        var first = WeightFiles.Read(outPath);
        Prune([.. args, "--seed", "7"]);
        var again = WeightFiles.Read(outPath);
        Prune([.. args, "--seed", "8"]);
        var other = WeightFiles.Read(outPath);

        Assert.Multiple(() =>
        {
            Assert.That(again["fc1.weight"], Is.EqualTo(first["fc1.weight"]));
            Assert.That(other["fc1.weight"], Is.Not.EqualTo(first["fc1.weight"]));
            Assert.That(first["fc1.weight"].Sum(), Is.EqualTo(100));
        });
    }

    [Test]
    public void ACriterionComparingWithInitialWeightsUsesInit()
    {
        // movement = |w_f - w_i|: with w_i = w_f except where w_i is zero, the moved weights are exactly those.
        var init = weights.ToDictionary(w => w.Key, w => w.Value.ToArray(), StringComparer.Ordinal);
        var moved = new[] { 3, 17, 42, 99, 150 };
        foreach (var i in moved)
        {
            init["fc1.weight"][i] = 0;
        }

        var initPath = folder.File("init.safetensors");
        WeightFiles.Write(initPath, init);

        var result = Prune("--criterion", "movement", "--scope", "global", "--sparsity", "0.98", "--init", initPath);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var masks = WeightFiles.Read(outPath);
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 200).Where(i => masks["fc1.weight"][i] == 1), Is.EqualTo(moved));
            Assert.That(masks["fc2.weight"].Sum(), Is.EqualTo(0));
        });
    }

    [Test]
    public void ACriterionThatNeedsInitialWeightsWithoutInitIsAUsageError()
    {
        var result = Prune("--criterion", "magnitude_increase", "--scope", "layerwise", "--rate", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Is.EqualTo(
                "error: The criterion 'magnitude_increase' compares the trained weights with the initial ones; pass the initial weights with '--init I.safetensors'." + Environment.NewLine));
            Assert.That(File.Exists(outPath), Is.False);
        });
    }

    [Test]
    public void AnUnknownCriterionListsTheKnownOnes()
    {
        var result = Prune("--criterion", "largest", "--scope", "layerwise", "--rate", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Is.EqualTo(
                "error: The mask criterion 'largest' is unknown; the known criteria are 'large_final', 'small_final', 'large_init', 'small_init', 'magnitude_increase', 'movement', 'large_init_large_final', 'small_init_small_final', 'random', each optionally followed by '_same_sign' or '_different_sign'."
                + Environment.NewLine));
        });
    }

    [TestCase("--sparsity", "1")]
    [TestCase("--sparsity", "-0.1")]
    [TestCase("--rate", "1.5")]
    [TestCase("--rate", "-1")]
    public void AnAmountOutsideZeroToOneIsAUsageError(string option, string value)
    {
        var result = Prune("--criterion", "large_final", "--scope", "layerwise", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Does.StartWith($"error: The value {value} of '{option}' is outside [0, 1); give a fraction such as 0.8"));
        });
    }

    [Test]
    public void BothSparsityAndRateAreAUsageError()
    {
        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--sparsity", "0.5", "--rate", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Does.StartWith("error: Give either '--sparsity' or '--rate', not both"));
        });
    }

    [Test]
    public void NeitherSparsityNorRateIsAUsageError()
    {
        var result = Prune("--criterion", "large_final", "--scope", "layerwise");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Does.StartWith("error: Give how much to prune: '--sparsity S'"));
        });
    }

    [Test]
    public void AnUnknownScopeIsAUsageError()
    {
        var result = Prune("--criterion", "large_final", "--scope", "per-layer", "--rate", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Is.EqualTo("error: The scope 'per-layer' is unknown; give 'layerwise' or 'global'." + Environment.NewLine));
        });
    }

    [Test]
    public void ANumberThatIsNotANumberIsAUsageError()
    {
        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--rate", "0,2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Does.Contain("error: The value '0,2' of '--rate' is not a number; write it with a '.' decimal point, e.g. 0.9."));
            Assert.That(result.Stderr, Does.Contain("Run 'lottery prune --help' to see the usage."));
        });
    }

    [Test]
    public void AMissingWeightsFileIsAFailureThatNamesThePath()
    {
        var missing = folder.File("nope.safetensors");
        var result = Lottery.Run("prune", "--weights", missing, "--criterion", "large_final", "--scope", "layerwise", "--rate", "0.2", "--out", outPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Is.EqualTo($"error: The weights file '{missing}' does not exist; check the path given to '--weights'." + Environment.NewLine));
        });
    }

    [Test]
    public void InitialWeightsWithOtherNamesAreAFailureThatListsThem()
    {
        var init = new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["fc1.weight"] = weights["fc1.weight"],
            ["layer2.weight"] = weights["fc2.weight"],
        };
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal) { ["fc1.weight"] = [20, 10], ["layer2.weight"] = [5, 10] };
        var initPath = folder.File("init.safetensors");
        WeightFiles.Write(initPath, init, shapes);

        var result = Prune("--criterion", "movement", "--scope", "layerwise", "--rate", "0.2", "--init", initPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Is.EqualTo(
                $"error: The initial weights '{initPath}' do not match the prunable tensors (rank >= 2) of the weights '{weightsPath}':" + Environment.NewLine
                + "- only in the weights: 'fc2.weight'" + Environment.NewLine
                + "- only in the initial weights: 'layer2.weight'" + Environment.NewLine
                + "- different shapes: 'fc1.weight' is [10, 20] in the weights but [20, 10] in the initial weights" + Environment.NewLine
                + "Give the initial weights of the same model, with the same tensor names." + Environment.NewLine));
        });
    }

    [Test]
    public void AMaskWithOtherNamesIsAFailureThatListsThem()
    {
        var maskPath = folder.File("mask.safetensors");
        WeightFiles.Write(maskPath, new Dictionary<string, float[]> { ["fc1.weight"] = new float[200], ["fc1.bias"] = new float[10] });

        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--rate", "0.2", "--mask", maskPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.Contain("- only in the weights: 'fc2.weight'"));
            Assert.That(result.Stderr, Does.Contain("- only in the mask: 'fc1.bias'"));
        });
    }

    [Test]
    public void AMaskWithValuesOtherThanZeroAndOneIsAFailure()
    {
        var maskPath = folder.File("mask.safetensors");
        WeightFiles.Write(maskPath, new Dictionary<string, float[]> { ["fc1.weight"] = Enumerable.Repeat(0.5f, 200).ToArray(), ["fc2.weight"] = new float[50] });

        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--rate", "0.2", "--mask", maskPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.Contain("The mask tensor 'fc1.weight' holds 200 value(s) other than 0 and 1"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public void AFileThatIsNotSafetensorsIsAFailureWithoutAStackTrace()
    {
        File.WriteAllText(weightsPath, "not a safetensors file");

        var result = Prune("--criterion", "large_final", "--scope", "layerwise", "--rate", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.StartWith("error: ").And.Contain(weightsPath));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        });
    }

    // lottery prune --criterion names criteria as experiment files do, a --parts assembly's included.
    [Test]
    public void ARegisteredCriterionWithOptionsPrunesByItsScores()
    {
        // |w|^-1 ranks the smallest weights first, so the mask keeps the 40% of each layer nearest to zero.
        var result = PruneLayerwiseWith("--criterion", "magnitude_power(power=-1)", "--parts", PartsAssembly);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var masks = WeightFiles.Read(outPath);
        Assert.Multiple(() =>
        {
            Assert.That(masks["fc1.weight"], Is.EqualTo(WeightFiles.KeepLargest([.. weights["fc1.weight"].Select(w => 1 / Math.Abs(w))], 80)));
            Assert.That(masks["fc2.weight"], Is.EqualTo(WeightFiles.KeepLargest([.. weights["fc2.weight"].Select(w => 1 / Math.Abs(w))], 20)));
            Assert.That(result.Stderr, Does.Contain($"Parts from '{PartsAssembly}'").And.Contain("Wrote the mask (magnitude_power, layerwise"));
        });
    }

    [Test]
    public void WithoutTheAssemblyTheCriterionIsUnknownAndABadOptionIsReportedWithWhatToDo()
    {
        var unknown = PruneLayerwiseWith("--criterion", "magnitude_power(power=3)");
        var bad = PruneLayerwiseWith("--criterion", "Magnitude-Power(power=high, exponent=2)", "--parts", PartsAssembly);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(unknown.Stderr, Does.StartWith("error: The mask criterion 'magnitude_power' is unknown; the known criteria are 'large_final',"));
            Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(bad.Stderr, Does.Contain("The criterion 'Magnitude-Power(power=high, exponent=2)' given to '--criterion' is invalid:")
                .And.Contain("- The option 'power' of 'magnitude_power' is 'high', which is not a number; give e.g. 2.")
                .And.Contain("- The mask criterion 'magnitude_power' has no option 'exponent'; the known options are 'power'."));
            Assert.That(File.Exists(outPath), Is.False);
        });
    }
}

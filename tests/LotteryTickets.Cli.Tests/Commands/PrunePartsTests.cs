using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Parts;

namespace LotteryTickets.Cli.Tests.Commands;

/// <summary><c>lottery prune --criterion</c> names criteria as experiment files do, a <c>--parts</c> assembly's included.</summary>
public class PrunePartsTests
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
        Lottery.Run(["prune", "--weights", weightsPath, "--out", outPath, "--scope", "layerwise", "--sparsity", "0.6", .. extra]);

    [Test]
    public void ARegisteredCriterionWithOptionsPrunesByItsScores()
    {
        // |w|^-1 ranks the smallest weights first, so the mask keeps the 40% of each layer nearest to zero.
        var result = Prune("--criterion", "magnitude_power(power=-1)", "--parts", PartsAssembly);

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
        var unknown = Prune("--criterion", "magnitude_power(power=3)");
        var bad = Prune("--criterion", "Magnitude-Power(power=high, exponent=2)", "--parts", PartsAssembly);

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

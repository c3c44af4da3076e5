using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;

namespace LotteryTickets.Cli.Tests.Running;

/// <summary>
/// The hashes of experiment files, pinned: how the CLI maps a file onto the builder may change, the store folder of an
/// existing experiment may not.
/// </summary>
public class PinnedFileHashTests
{
    private static string Hash(string yaml) =>
        ExperimentFileMapper.ToBuilder(ExperimentFileLoader.Parse(yaml, yaml: true, "x.yaml"), "/tmp/lottery-pinned-store").Build().Hash;

    [Test]
    public void TheSampleExperimentFileKeepsItsHash()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "experiments", "lenet-fashion-mnist.yaml");
        var file = ExperimentFileLoader.Parse(File.ReadAllText(path), yaml: true, path);

        var plan = ExperimentFileMapper.ToBuilder(file, "/tmp/lottery-pinned-store").Build();

        Assert.That(plan.Hash, Is.EqualTo("d61cd137efc3435c"));
    }

    [Test]
    public void ATransformExperimentFileKeepsItsHash()
    {
        var hash = Hash("""
            name: transforms
            model: { name: lenet_300_100 }
            dataset: { name: mnist }
            training: { duration: 2ep }
            pruning: { criterion: large_final_same_sign, iterative: { levels: 3 } }
            rewind: lr
            branches:
              sc_freeze: [signed_constant, freeze_init]
              sr: smart_ratio(residual=true)
              snip: snip(samplesPerClass=20, dataVariant=random_labels)
              hybrid: hybrid(linearKeepRatio=0.05)
            """);

        Assert.That(hash, Is.EqualTo("448fb8ccae8ad433"));
    }

    [Test]
    public void AGradualExperimentFileKeepsItsHash()
    {
        var hash = Hash("""
            name: gradual
            model: { name: lenet_300_100 }
            dataset: { name: mnist }
            training: { duration: 2ep }
            pruning: { scope: global, gradual: { curve: iterative, steps: 4, sparsity: 0.8, resetEnd: true, rewindEpoch: 1 } }
            """);

        Assert.That(hash, Is.EqualTo("f80d270e936a8985"));
    }

    [Test]
    public void RewindFormsOfAFileKeepTheirHashes()
    {
        string Rewind(string value) => Hash($$"""
            name: rewind
            model: { name: lenet_300_100 }
            dataset: { name: mnist }
            training: { duration: 2ep }
            pruning: { iterative: { levels: 3 } }
            rewind: {{value}}
            """);

        Assert.That(
            new[] { "init", "none", "lr", "iteration:500", "epoch:1" }.Select(Rewind),
            Is.EqualTo(new[] { "7935f305d0f9adf7", "da62aba43005118a", "4b9a57e510970b42", "15c6b903e440a0a2", "ac7dcce31d5295ff" }));
    }
}

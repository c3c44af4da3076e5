using LotteryTickets.Cli.Running;
using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Parts;
using ExperimentResult = LotteryTickets.Experiments.ExperimentResult;

namespace LotteryTickets.Cli.Tests.Commands;

/// <summary><c>lottery run --parts</c>: an experiment file naming a user's registered parts (samples/LotteryTickets.Parts).</summary>
public class RunPartsTests
{
    private static readonly string PartsAssembly = typeof(PartsModule).Assembly.Location;

    private static string Write(TemporaryFolder folder, string pruning = "criterion: magnitude_power(power=3), schedule: halving(levels=2)") =>
        WriteText(folder, $$"""
            name: parts
            model: { name: tiny_mlp, options: { hidden: 12 } }
            dataset: { name: gaussian_blobs, validation: 64 }
            training: { duration: 20it, batchSize: 32, optimizer: nesterov(momentum=0.8), learningRate: 0.01, evaluationInterval: 10it }
            pruning: { {{pruning}} }
            rewind: init_until(level=1)
            branches: { neg: negate }
            seed: 1
            """);

    private static string WriteText(TemporaryFolder folder, string text)
    {
        var file = folder.File("parts.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    [Test]
    public void AnExperimentFileNamingRegisteredPartsRunsWithTheirAssembly()
    {
        using var folder = new TemporaryFolder();
        var store = folder.File("store");

        var result = Lottery.Run(new ExperimentLauncher(), "run", Write(folder), "--store", store, "--parts", PartsAssembly);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var experiment = Directory.GetDirectories(store).Single();
        var plan = File.ReadAllText(Path.Combine(experiment, "plan.json"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Stderr, Does.Contain($"Parts from '{PartsAssembly}': {typeof(PartsModule).FullName}."));
            Assert.That(TinyExperimentFile.RunFolders(experiment), Is.EqualTo(new[]
            {
                "trial_0/level_0/main", "trial_0/level_1/main", "trial_0/level_1/neg", "trial_0/level_2/main", "trial_0/level_2/neg",
            }));
            Assert.That(ExperimentResult.Load(experiment).Runs.Where(r => r.Key.Branch == "main").Select(r => r.Sparsity!.Layers[0].PercentRemaining), Is.EqualTo(new[] { 100.0, 50, 25 }));
            Assert.That(plan, Does.Contain("\"criterion\":{\"name\":\"magnitude_power\",\"power\":3}").And.Contain("\"type\":\"halving\"").And.Contain("\"name\":\"init_until\"").And.Contain("\"name\":\"tiny_mlp\""));
            Assert.That(plan, Does.Contain("\"momentum\":0.8").And.Contain("\"nesterov\":true"));
        });
    }

    [Test]
    public void WithoutTheirAssemblyTheNamesAreUnknownWithTheirKeyPaths()
    {
        using var folder = new TemporaryFolder();

        var result = Lottery.Run(new ExperimentLauncher(), "run", Write(folder), "--store", folder.File("store"));

        Assert.That(result.ExitCode, Is.Not.EqualTo(ExitCodes.Success));
        Assert.That(result.Stderr, Does.Contain("model.name: the network 'tiny_mlp' is not in the model zoo")
            .And.Contain("training.optimizer: the optimizer 'nesterov' is unknown")
            .And.Contain("pruning.criterion: the mask criterion 'magnitude_power' is unknown")
            .And.Contain("pruning.schedule: the schedule 'halving' is unknown")
            .And.Contain("rewind: the rewind policy 'init_until' is unknown")
            .And.Contain("branches.neg: the transform 'negate' is unknown"));
    }

    [Test]
    public void ABadOptionOfARegisteredPartIsReportedWithItsKeyPath()
    {
        using var folder = new TemporaryFolder();
        var file = Write(folder, "criterion: \"magnitude_power(power=high, exponent=2)\", schedule: halving(levels=0)");

        var result = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", folder.File("store"), "--parts", PartsAssembly);

        Assert.That(result.ExitCode, Is.Not.EqualTo(ExitCodes.Success));
        Assert.That(result.Stderr, Does.Contain("pruning.criterion: the option 'power' of 'magnitude_power' is 'high', which is not a number; give e.g. 2.")
            .And.Contain("pruning.criterion: the mask criterion 'magnitude_power' has no option 'exponent'; the known options are 'power'.")
            .And.Contain("pruning.schedule: 'levels' is 0; give 1 or more."));
    }

    [Test]
    public void AMissingOrForeignPartsFileIsAnError()
    {
        using var folder = new TemporaryFolder();
        var file = Write(folder);
        var text = folder.File("notes.txt");
        File.WriteAllText(text, "not an assembly");

        var missing = Lottery.Run(new ExperimentLauncher(), "run", file, "--parts", folder.File("Missing.dll"));
        var foreign = Lottery.Run(new ExperimentLauncher(), "run", file, "--parts", text);

        Assert.That(missing.Stderr, Does.Contain($"The parts assembly '{folder.File("Missing.dll")}' given to '--parts' does not exist"));
        Assert.That(foreign.Stderr, Does.Contain($"The file '{text}' given to '--parts' is not a .NET assembly"));
    }
}

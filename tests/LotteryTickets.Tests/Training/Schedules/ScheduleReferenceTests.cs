using System.Text.Json.Nodes;
using LotteryTickets.Tests.Support;
using LotteryTickets.Training.Schedules;

namespace LotteryTickets.Tests.Training.Schedules;

/// <summary>Each schedule against the rates PyTorch 1.13's schedulers give, step by step (base rate 0.1).</summary>
public class ScheduleReferenceTests
{
    private const double Base = 0.1;

    private static readonly Dictionary<string, ILearningRateSchedule> Schedules = new()
    {
        ["constant"] = new ConstantSchedule(Base),
        ["step"] = new StepSchedule(Base, stepSize: 3, gamma: 0.5),
        ["multistep"] = new MultiStepSchedule(Base, [2, 5, 5, 9], gamma: 0.3),
        ["cosine"] = new CosineAnnealingSchedule(Base, tMax: 10, etaMin: 0.001),
        ["warmup_cosine"] = new LinearWarmupSchedule(new CosineAnnealingSchedule(Base, tMax: 12), warmupSteps: 4, startFactor: 0.25),
        ["warmup_step"] = new LinearWarmupSchedule(new StepSchedule(Base, stepSize: 4, gamma: 0.5), warmupSteps: 5, startFactor: 0.1),
        ["sequential"] = new SequentialSchedule(
            [new LinearWarmupSchedule(new ConstantSchedule(Base), warmupSteps: 3, startFactor: 0.1), new CosineAnnealingSchedule(Base, tMax: 8, etaMin: 0.01)],
            [3]),
    };

    private static JsonObject? reference;

    public static IEnumerable<string> Names => Schedules.Keys;

    [OneTimeSetUp]
    public void ComputeReference() => reference = JsonNode.Parse(PythonReference.Run("reference_schedules.py"))!.AsObject();

    [TestCaseSource(nameof(Names))]
    public void RatesMatchPyTorchsScheduler(string name)
    {
        var expected = reference![name]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var actual = Enumerable.Range(0, expected.Length).Select(t => Schedules[name].LearningRate(t)).ToArray();
        Assert.That(actual, Is.EqualTo(expected).Within(1e-12));
    }
}

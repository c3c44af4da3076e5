using LotteryTickets.Native;

using Runtime = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.EngineTests;

public class ProcessSettingsTests
{
    private static ProcessSettings From(params (string Name, string Value)[] environment) =>
        ProcessSettings.FromEnvironment(name => environment.FirstOrDefault(e => e.Name == name).Value);

    [Test]
    public void TheEnvironmentTunesMallocAndLeavesOneDnnAndThreadsAloneByDefault()
    {
        Assert.That(From(), Is.EqualTo(new ProcessSettings { TuneHostAllocator = true }));
    }

    [Test]
    public void EachVariableTurnsItsSettingOnOrOff()
    {
        Assert.Multiple(() =>
        {
            Assert.That(From((ProcessSettings.MallocTuningVariable, " 0 ")).TuneHostAllocator, Is.False);
            Assert.That(From((ProcessSettings.MallocTuningVariable, "1")).TuneHostAllocator, Is.True);
            Assert.That(From((ProcessSettings.OneDnnMaxIsaVariable, "avx2")).OneDnnMaxIsa, Is.EqualTo("AVX2"));
            Assert.That(From((ProcessSettings.OneDnnMaxIsaVariable, "0")).OneDnnMaxIsa, Is.Null);
            Assert.That(From((ProcessSettings.OneDnnMaxIsaVariable, " Default ")).OneDnnMaxIsa, Is.Null);
            Assert.That(From((ProcessSettings.ThreadsVariable, "1")).NumThreads, Is.EqualTo(1));
        });
    }

    [Test]
    public void BadValuesAreListedTogetherWithWhatToSet()
    {
        var e = Assert.Throws<ArgumentException>(() => From(
            (ProcessSettings.MallocTuningVariable, "yes"),
            (ProcessSettings.OneDnnMaxIsaVariable, "AVX3"),
            (ProcessSettings.ThreadsVariable, "100000")));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("LOTTERYTICKETS_MALLOC_TUNING='yes' must be 0 (leave malloc alone) or 1 (tune it)."));
            Assert.That(e.Message, Does.Contain("LOTTERYTICKETS_ONEDNN_MAX_ISA='AVX3': not a oneDNN ISA; use one of SSE41"));
            Assert.That(e.Message, Does.Contain($"LOTTERYTICKETS_NUM_THREADS='100000' must be a whole number from 1 to {ProcessSettings.MaxThreads}"));
        });
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("two")]
    public void AThreadCountMustBeAPositiveNumberWithinTheBound(string value)
    {
        Assert.Throws<ArgumentException>(() => From((ProcessSettings.ThreadsVariable, value)));
    }

    [Test]
    public void ConfigureProcessRejectsInvalidSettingsBeforeChangingAnything()
    {
        var before = Runtime.NumThreads;
        var e = Assert.Throws<ArgumentException>(() => Runtime.ConfigureProcess(new ProcessSettings { NumThreads = ProcessSettings.MaxThreads + 1, OneDnnMaxIsa = "NEON" }));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("NumThreads is").And.Contain("OneDnnMaxIsa 'NEON': not a oneDNN ISA"));
            Assert.That(Runtime.NumThreads, Is.EqualTo(before));
        });
    }

    [Test]
    public void ConfigureProcessSetsTheThreadCountItIsGiven()
    {
        var before = Runtime.NumThreads;
        try
        {
            var applied = Runtime.ConfigureProcess(new ProcessSettings { NumThreads = 1 });
            Assert.Multiple(() =>
            {
                Assert.That(applied, Is.EqualTo(new AppliedProcessSettings(false, null, 1)));
                Assert.That(Runtime.NumThreads, Is.EqualTo(1));
            });
        }
        finally
        {
            Runtime.NumThreads = before;
        }
    }
}

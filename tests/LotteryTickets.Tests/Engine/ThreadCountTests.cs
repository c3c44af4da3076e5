using System.Globalization;
using Runtime = LotteryTickets.Engine.Engine;

namespace LotteryTickets.Tests.EngineTests;

/// <summary>The thread count read from the environment has an upper bound with a clear error.</summary>
public class ThreadCountTests
{
    [Test]
    public void AThreadCountAboveFourPerLogicalProcessorIsRefusedNamingTheVariableAndTheLimit()
    {
        const string variable = "LOTTERYTICKETS_TEST_THREADS_BOUND";
        try
        {
            Environment.SetEnvironmentVariable(variable, "100000");
            var e = Assert.Throws<InvalidOperationException>(() => Runtime.ReadCount(variable))!;
            Assert.That(e.Message, Does.StartWith($"The environment variable {variable}='100000' asks for more threads than the {Runtime.MaxThreads} this machine can use"));

            Environment.SetEnvironmentVariable(variable, Runtime.MaxThreads.ToString(CultureInfo.InvariantCulture));
            Assert.That(Runtime.ReadCount(variable), Is.EqualTo(Runtime.MaxThreads));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}

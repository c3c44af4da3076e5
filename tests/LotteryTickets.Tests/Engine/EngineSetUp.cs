/// <summary>
/// Opts this test process into the native settings its environment asks for (malloc tuning by default; a oneDNN cap or
/// a thread count only when <c>LOTTERYTICKETS_ONEDNN_MAX_ISA</c> / <c>LOTTERYTICKETS_NUM_THREADS</c> are set), as the
/// <c>lottery</c> tool does.
/// </summary>
[SetUpFixture]
public sealed class EngineSetUp
{
    [OneTimeSetUp]
    public void ApplyProcessSettings() =>
        LotteryTickets.Native.Engine.ConfigureProcess(LotteryTickets.Native.ProcessSettings.FromEnvironment());
}

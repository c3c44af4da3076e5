/// <summary>Applies the engine's process-wide setup before any test of the assembly runs, as a program using the library gets it.</summary>
[SetUpFixture]
public sealed class EngineSetUp
{
    [OneTimeSetUp]
    public void ApplyProcessSetup() => LotteryTickets.Engine.Engine.EnsureInitialized();
}

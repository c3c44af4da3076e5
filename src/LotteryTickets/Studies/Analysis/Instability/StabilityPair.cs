namespace LotteryTickets.Analysis.Instability;

/// <summary>The two copies of a stability test, trained from one state with two data orders.</summary>
/// <param name="CopyA">Copy A (θ₁ of the path).</param>
/// <param name="CopyB">Copy B (θ₂ of the path).</param>
public sealed record StabilityPair(StabilityCopy CopyA, StabilityCopy CopyB) : IDisposable
{
    /// <summary>Releases both copies' tensors.</summary>
    public void Dispose()
    {
        CopyA.Dispose();
        CopyB.Dispose();
    }
}

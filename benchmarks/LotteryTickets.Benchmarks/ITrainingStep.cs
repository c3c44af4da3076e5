namespace LotteryTickets.Benchmarks;

/// <summary>A training step on a fixed batch, timed by the benchmarks.</summary>
internal interface ITrainingStep : IDisposable
{
    /// <summary>Runs one step and returns the loss.</summary>
    double Step();

    /// <summary>Runs one step without reading the loss back (no host synchronisation).</summary>
    void StepOnly();

    /// <summary>How many weights the step keeps at zero.</summary>
    long PrunedCount { get; }
}

using BenchmarkDotNet.Attributes;

namespace LotteryTickets.Benchmarks;

/// <summary>BenchmarkDotNet: one LeNet-300-100 Adam step on a batch of 60 (CPU).</summary>
[MemoryDiagnoser]
public class LeNetStepBenchmark
{
    private LeNetStep? step;

    [GlobalSetup]
    public void Setup() => step = new LeNetStep();

    [GlobalCleanup]
    public void Cleanup() => step?.Dispose();

    [Benchmark(Description = "LeNet-300-100 Adam step, batch 60")]
    public void TrainingStep() => step!.StepOnly();
}

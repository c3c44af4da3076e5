using BenchmarkDotNet.Attributes;

namespace LotteryTickets.Benchmarks;

/// <summary>BenchmarkDotNet: one masked LeNet-300-100 Adam step on a batch of 60 (CPU), the library's and plain TorchSharp's.</summary>
[MemoryDiagnoser]
public class LeNetStepBenchmark
{
    private ITrainingStep? library;
    private ITrainingStep? plain;

    [GlobalSetup]
    public void Setup()
    {
        library = new LeNetStep();
        plain = new PlainLeNetStep();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        library?.Dispose();
        plain?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "LotteryTickets: masked LeNet-300-100 Adam step, batch 60")]
    public void LibraryStep() => library!.StepOnly();

    [Benchmark(Description = "Plain TorchSharp: masked LeNet-300-100 Adam step, batch 60")]
    public void PlainStep() => plain!.StepOnly();
}

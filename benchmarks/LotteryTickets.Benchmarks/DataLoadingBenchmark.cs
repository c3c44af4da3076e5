using BenchmarkDotNet.Attributes;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Benchmarking;
using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Benchmarks;

/// <summary>BenchmarkDotNet: loading Fashion-MNIST into tensors, and one shuffled epoch of batches of 60.</summary>
[MemoryDiagnoser]
public class DataLoadingBenchmark
{
    private ImageDataset? train;

    [GlobalSetup]
    public void Setup() => train = FashionMnist.Load(new DatasetLoadOptions { ValidationCount = 0 }).Train;

    [Benchmark(Description = "Fashion-MNIST files -> tensors (70,000 images)")]
    public int LoadIntoTensors() => DataLoadingWorkload.LoadFashionMnistIntoTensors();

    [Benchmark(Description = "One epoch of batches of 60 (60,000 images, shuffled)")]
    public long OneEpoch() => DataLoadingWorkload.IterateOneEpoch(train!, new DataLoaderOptions { BatchSize = 60, Shuffle = true, Seed = 1 });
}

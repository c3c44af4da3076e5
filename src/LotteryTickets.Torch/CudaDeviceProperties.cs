namespace LotteryTickets.Torch;

/// <summary>What the CUDA runtime reports about one GPU.</summary>
/// <param name="Name">The device name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="TotalMemoryBytes">The device memory in bytes.</param>
/// <param name="MultiprocessorCount">The number of streaming multiprocessors.</param>
/// <param name="MemoryClockKHz">The peak memory clock in kHz.</param>
/// <param name="MemoryBusWidthBits">The memory bus width in bits.</param>
/// <param name="ComputeCapability">The compute capability as major × 10 + minor (90 for Hopper).</param>
public sealed record CudaDeviceProperties(
    string Name, long TotalMemoryBytes, int MultiprocessorCount, long MemoryClockKHz, int MemoryBusWidthBits, int ComputeCapability)
{
    /// <summary>
    /// The theoretical peak memory bandwidth in bytes per second: two transfers per memory clock
    /// (double data rate) over the whole bus, 2 × clock × width / 8. A bound, not a measurement:
    /// copies reach roughly 80–90% of it.
    /// </summary>
    public double PeakMemoryBandwidthBytesPerSecond => 2.0 * MemoryClockKHz * 1000.0 * MemoryBusWidthBits / 8.0;
}

namespace LotteryTickets.Torch;

/// <summary>
/// A snapshot of the CUDA caching allocator's byte counters for one device (all pools), as
/// <c>torch.cuda.memory_allocated</c>, <c>max_memory_allocated</c>, <c>memory_reserved</c> and
/// <c>max_memory_reserved</c> report them in Python.
/// </summary>
/// <param name="AllocatedBytes">Bytes held by live tensors now.</param>
/// <param name="PeakAllocatedBytes">The most bytes held by live tensors since the process started or the last <see cref="CudaMemory.ResetPeakStats"/>.</param>
/// <param name="ReservedBytes">Bytes the allocator holds from the driver now (allocated plus cached).</param>
/// <param name="PeakReservedBytes">The most bytes the allocator held from the driver since the start or the last reset.</param>
public readonly record struct CudaMemoryStats(long AllocatedBytes, long PeakAllocatedBytes, long ReservedBytes, long PeakReservedBytes);

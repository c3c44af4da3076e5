namespace LotteryTickets.Native;

/// <summary>The memory of one GPU as the driver (NVML) reports it, for the whole device (every process).</summary>
/// <param name="Name">The device's product name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="UsedBytes">The bytes in use on the device.</param>
/// <param name="FreeBytes">The bytes free on the device.</param>
/// <param name="TotalBytes">The device's memory size in bytes.</param>
public sealed record GpuMemoryInfo(string Name, long UsedBytes, long FreeBytes, long TotalBytes);

namespace LotteryTickets.Torch.Tests;

public class HostAllocatorTests
{
    [Test]
    public void OnGlibcTheAllocatorThresholdsAreApplied()
    {
        // Debian's C library is glibc; setting the same values as the engine's defaults changes nothing else.
        Assert.That(TorchRuntime.SetHostAllocatorThresholds(TorchRuntime.DefaultMmapThreshold, TorchRuntime.DefaultTrimThreshold), Is.True);
    }

    [TestCase(-1L, 0L)]
    [TestCase(0L, -1L)]
    [TestCase(1L << 31, 0L)]
    [TestCase(0L, 1L << 31)]
    public void ThresholdsOutOfRangeAreRejectedBeforeAnyNativeCall(long mmapThreshold, long trimThreshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.SetHostAllocatorThresholds(mmapThreshold, trimThreshold));
    }

    [Test]
    public void TheDefaultsLeaveMallocAloneWhenTheProcessTunesItOrTheTuningIsOff()
    {
        var names = new[] { "LOTTERYTICKETS_MALLOC_TUNING", "GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var n in names)
            {
                Environment.SetEnvironmentVariable(n, null);
            }

            var byDefault = TorchRuntime.HostAllocatorTuningWanted();
            Environment.SetEnvironmentVariable("LOTTERYTICKETS_MALLOC_TUNING", "0");
            var off = TorchRuntime.HostAllocatorTuningWanted();
            Environment.SetEnvironmentVariable("LOTTERYTICKETS_MALLOC_TUNING", null);
            Environment.SetEnvironmentVariable("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536");
            var tunables = TorchRuntime.HostAllocatorTuningWanted();
            Environment.SetEnvironmentVariable("GLIBC_TUNABLES", null);
            Environment.SetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_", "1000");
            var legacy = TorchRuntime.HostAllocatorTuningWanted();

            Assert.That((byDefault, off, tunables, legacy), Is.EqualTo((true, false, false, false)));
        }
        finally
        {
            foreach (var (n, v) in saved)
            {
                Environment.SetEnvironmentVariable(n, v);
            }
        }
    }
}

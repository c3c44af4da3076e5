using LotteryTickets.Native;


namespace LotteryTickets.Tests.EngineTests;

public class HostAllocatorTests
{
    [Test]
    public void OnGlibcTheAllocatorThresholdsAreApplied()
    {
        // Debian's C library is glibc; setting the same values as the defaults changes nothing else.
        Assert.That(HostAllocator.IsGlibc, Is.True);
        Assert.That(HostAllocator.SetThresholds(HostAllocator.DefaultMmapThreshold, HostAllocator.DefaultTrimThreshold), Is.True);
    }

    [TestCase(-1L, 0L)]
    [TestCase(0L, -1L)]
    [TestCase(1L << 31, 0L)]
    [TestCase(0L, 1L << 31)]
    public void ThresholdsOutOfRangeAreRejectedBeforeAnyNativeCall(long mmapThreshold, long trimThreshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HostAllocator.SetThresholds(mmapThreshold, trimThreshold));
    }

    [Test]
    public void TheDefaultsLeaveMallocAloneWhenTheProcessTunesIt()
    {
        var names = new[] { "GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var n in names)
            {
                Environment.SetEnvironmentVariable(n, null);
            }

            var byDefault = HostAllocator.ProcessTunesMalloc();
            Environment.SetEnvironmentVariable("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536");
            var tunables = HostAllocator.ProcessTunesMalloc();
            Environment.SetEnvironmentVariable("GLIBC_TUNABLES", "glibc.pthread.rseq=0");
            var otherTunables = HostAllocator.ProcessTunesMalloc();
            Environment.SetEnvironmentVariable("GLIBC_TUNABLES", null);
            Environment.SetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_", "1000");
            var legacyTrim = HostAllocator.ProcessTunesMalloc();
            Environment.SetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_", null);
            Environment.SetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_", "1000");
            var legacyMmap = HostAllocator.ProcessTunesMalloc();

            Assert.That(
                (byDefault, tunables, otherTunables, legacyTrim, legacyMmap),
                Is.EqualTo((false, true, false, true, true)));
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

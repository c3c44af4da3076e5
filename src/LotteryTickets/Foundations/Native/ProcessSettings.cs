using System.Globalization;

namespace LotteryTickets.Native;

/// <summary>
/// Native settings of the whole process that an application may opt into, once, at its start, with
/// <see cref="Engine.ConfigureProcess"/>: glibc malloc's thresholds (<see cref="HostAllocator"/>), a cap on oneDNN's
/// instruction set (<see cref="OneDnn"/>) and libtorch's intra-op thread count. The library never applies any of them
/// by itself: referencing or using it leaves the allocator, oneDNN and the thread count as the process has them.
/// </summary>
/// <remarks>
/// <see cref="FromEnvironment"/> reads the settings the <c>lottery</c> tool, the samples, the tests and the benchmarks
/// use: <c>LOTTERYTICKETS_MALLOC_TUNING</c> (<c>0</c> turns the malloc tuning off), <c>LOTTERYTICKETS_ONEDNN_MAX_ISA</c>
/// (a oneDNN ISA name caps oneDNN; unset leaves it alone) and <c>LOTTERYTICKETS_NUM_THREADS</c>.
/// </remarks>
public sealed record ProcessSettings
{
    /// <summary>The environment variable that turns the malloc tuning of <see cref="FromEnvironment"/> off when set to <c>0</c>.</summary>
    public const string MallocTuningVariable = "LOTTERYTICKETS_MALLOC_TUNING";

    /// <summary>The environment variable that names a oneDNN ISA to cap oneDNN at in <see cref="FromEnvironment"/>.</summary>
    public const string OneDnnMaxIsaVariable = "LOTTERYTICKETS_ONEDNN_MAX_ISA";

    /// <summary>The environment variable that sets libtorch's intra-op thread count in <see cref="FromEnvironment"/>.</summary>
    public const string ThreadsVariable = "LOTTERYTICKETS_NUM_THREADS";

    /// <summary>
    /// Whether to fix glibc malloc's thresholds at <see cref="HostAllocator.DefaultMmapThreshold"/> and
    /// <see cref="HostAllocator.DefaultTrimThreshold"/>, so step-sized CPU tensors are not mapped and unmapped every step.
    /// Ignored (nothing is changed) when the process tunes malloc itself (<c>GLIBC_TUNABLES</c> naming <c>malloc</c>,
    /// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>) or the C library is not glibc.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TuneHostAllocator { get; init; }

    /// <summary>
    /// A oneDNN ISA to cap oneDNN's CPU kernels at (e.g. <c>AVX2</c>), or <see langword="null"/> to leave oneDNN alone.
    /// Takes effect only before libtorch's first convolution, and never over a cap the process sets itself
    /// (<c>ONEDNN_MAX_CPU_ISA</c>, <c>DNNL_MAX_CPU_ISA</c>). See <see cref="OneDnn"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? OneDnnMaxIsa { get; init; }

    /// <summary>libtorch's intra-op thread count, 1 to <see cref="MaxThreads"/>, or <see langword="null"/> to leave it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? NumThreads { get; init; }

    /// <summary>The largest intra-op thread count accepted: four per processor this process may use.</summary>
    public static int MaxThreads => 4 * Environment.ProcessorCount;

    /// <summary>
    /// The settings the environment asks for: malloc tuning unless <c>LOTTERYTICKETS_MALLOC_TUNING=0</c>, the oneDNN cap
    /// named by <c>LOTTERYTICKETS_ONEDNN_MAX_ISA</c> (none when unset, <c>0</c> or <c>default</c>), the thread count of
    /// <c>LOTTERYTICKETS_NUM_THREADS</c>.
    /// </summary>
    /// <param name="environment">Reads a variable (null when unset); the process environment when omitted.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">A variable holds a value it cannot: the message names it and says what to set.</exception>
    public static ProcessSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var errors = new List<string>();
        var malloc = environment(MallocTuningVariable)?.Trim();
        if (!string.IsNullOrEmpty(malloc) && malloc is not ("0" or "1"))
        {
            errors.Add($"The environment variable {MallocTuningVariable}='{malloc}' must be 0 (leave malloc alone) or 1 (tune it).");
        }

        var isa = environment(OneDnnMaxIsaVariable)?.Trim();
        if (string.IsNullOrEmpty(isa) || isa == "0" || isa.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            isa = null;
        }
        else if (OneDnn.CheckIsa(isa) is { } isaError)
        {
            errors.Add($"The environment variable {OneDnnMaxIsaVariable}='{isa}': {isaError}");
        }

        int? threads = null;
        var threadText = environment(ThreadsVariable)?.Trim();
        if (!string.IsNullOrEmpty(threadText))
        {
            if (int.TryParse(threadText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= MaxThreads)
            {
                threads = n;
            }
            else
            {
                errors.Add($"The environment variable {ThreadsVariable}='{threadText}' must be a whole number from 1 to {MaxThreads} (four per processor here); unset it to keep libtorch's default.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }

        return new ProcessSettings { TuneHostAllocator = malloc != "0", OneDnnMaxIsa = isa?.ToUpperInvariant(), NumThreads = threads };
    }

    /// <summary>Every problem of these settings, as sentences; empty when they are valid.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        if (OneDnnMaxIsa is not null && OneDnn.CheckIsa(OneDnnMaxIsa) is { } isaError)
        {
            errors.Add($"{nameof(OneDnnMaxIsa)} '{OneDnnMaxIsa}': {isaError}");
        }

        if (NumThreads is { } n && (n < 1 || n > MaxThreads))
        {
            errors.Add($"{nameof(NumThreads)} is {n}; it must be from 1 to {MaxThreads} (four per processor here).");
        }

        return errors;
    }
}

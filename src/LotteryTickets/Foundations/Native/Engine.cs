using System.Reflection;
using TorchSharp;

namespace LotteryTickets.Native;

/// <summary>
/// Facts and settings of the tensor runtime (TorchSharp over libtorch): versions, the intra-op thread count, the live
/// tensor count, and the native process settings an application may opt into (<see cref="ConfigureProcess"/>).
/// </summary>
/// <remarks>
/// Loading or using the library changes nothing in the process: malloc's thresholds, oneDNN's instruction set and the
/// thread count stay as the application has them until it calls <see cref="ConfigureProcess"/>.
/// </remarks>
public static class Engine
{
    private static readonly Lock Gate = new();

    /// <summary>The TorchSharp package version, e.g. <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion
    {
        get
        {
            var assembly = typeof(torch).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3);
            return string.IsNullOrEmpty(version) ? "unknown" : version;
        }
    }

    /// <summary>The libtorch version TorchSharp is built against, e.g. <c>2.10.0</c>.</summary>
    public static string LibTorchVersion
    {
        get
        {
            var parts = torch.__version__.Split('.');
            return parts.Length > 3 ? string.Join('.', parts.Take(3)) : torch.__version__;
        }
    }

    /// <summary>libtorch's intra-op thread count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static int NumThreads
    {
        get => torch.get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            torch.set_num_threads(value);
        }
    }

    /// <summary>
    /// The number of live managed tensors in the process (TorchSharp's count of tensors created and not yet disposed
    /// or finalized): a leak oracle for tests and long loops. Compare counts around code that creates no parameters:
    /// TorchSharp counts a tensor whose handle moves into a new <c>Parameter</c> (layer constructors,
    /// <c>module.to(dtype)</c>) as still live.
    /// </summary>
    public static long LiveTensorCount => torch.Tensor.TotalCount;

    /// <summary>What the last <see cref="ConfigureProcess"/> call applied, or <see langword="null"/> when none was made.</summary>
    public static AppliedProcessSettings? ProcessConfiguration { get; private set; }

    /// <summary>
    /// Applies native process settings the application asks for (see <see cref="ProcessSettings"/>): call it once, at
    /// the start of the program, before any tensor work — oneDNN reads its cap at its first convolution. Applying the
    /// same settings again changes nothing.
    /// </summary>
    /// <param name="settings">The settings, e.g. <see cref="ProcessSettings.FromEnvironment"/>.</param>
    /// <returns>What was applied: a setting the process already chose itself (its own malloc tuning or oneDNN cap) is left alone.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists every problem.</exception>
    public static AppliedProcessSettings ConfigureProcess(ProcessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The process settings are invalid:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "- " + p))}", nameof(settings));
        }

        lock (Gate)
        {
            var malloc = settings.TuneHostAllocator && HostAllocator.ApplyDefaults();
            var isa = settings.OneDnnMaxIsa is { } cap ? OneDnn.Cap(cap) : null;
            if (settings.NumThreads is { } n)
            {
                torch.set_num_threads(n);
            }

            var applied = new AppliedProcessSettings(malloc, isa, settings.NumThreads);
            ProcessConfiguration = applied;
            return applied;
        }
    }
}

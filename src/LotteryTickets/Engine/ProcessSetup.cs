using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LotteryTickets.Engine;

/// <summary>
/// Applies the process-wide native settings (<see cref="HostAllocator"/>'s thresholds, <see cref="OneDnn"/>'s cap) as
/// soon as this library is loaded, before any tensor work it starts: both must be in place before libtorch allocates
/// step-sized tensors or runs its first convolution. Nothing here loads libtorch, and nothing here throws.
/// </summary>
internal static class ProcessSetup
{
    private static readonly Lock Gate = new();
    private static bool done;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The native settings must precede the first convolution and allocation, whoever starts them.")]
    internal static void OnLoad()
    {
        try
        {
            ApplyOnce();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException or InvalidOperationException)
        {
            // Left to Engine.EnsureInitialized, which reports problems.
        }
    }

    /// <summary>Applies the settings once per process; later calls do nothing.</summary>
    internal static void ApplyOnce()
    {
        lock (Gate)
        {
            if (done)
            {
                return;
            }

            done = true;
            HostAllocator.ApplyDefaults();
            OneDnn.ApplyOnce();
        }
    }
}

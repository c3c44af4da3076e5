using System.Reflection;
using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

/// <summary>
/// Finds the native shim without the user setting library paths: the file named by
/// <c>LOTTERYTICKETS_NATIVE_LIBRARY</c> (or <see cref="TorchRuntime.UseNativeLibrary"/>), then
/// <c>runtimes/linux-x64/native/</c> beside the assembly, then the assembly's own folder.
/// A load failure becomes a <see cref="DllNotFoundException"/> that says what to install.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string PathVariable = "LOTTERYTICKETS_NATIVE_LIBRARY";
    private const string FileName = "libLotteryTicketsTorchNative.so";
    private static readonly Lock Gate = new();
    private static bool registered;
    private static IntPtr loaded;

    /// <summary>An explicit path chosen in code; wins over the environment variable.</summary>
    internal static string? ExplicitPath { get; set; }

    /// <summary>The path the shim was loaded from, once it is loaded.</summary>
    internal static string? LoadedPath { get; private set; }

    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
            registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (loaded != IntPtr.Zero)
            {
                return loaded;
            }

            var path = FindLibrary();
            try
            {
                loaded = NativeLibrary.Load(path);
                LoadedPath = path;
                return loaded;
            }
            catch (DllNotFoundException ex)
            {
                throw new DllNotFoundException(
                    $"LotteryTickets could not load its native libtorch binding '{path}': {ex.Message} " +
                    "If libtorch itself is missing, install it with 'sudo apt-get install libtorch-dev libopenblas0-pthread' " +
                    $"(CPU), or point {PathVariable} at a shim built against your libtorch (see docs/ARCHITECTURE.md, 'The engine').",
                    ex);
            }
        }
    }

    private static string FindLibrary()
    {
        var requested = ExplicitPath ?? Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(requested))
        {
            if (!File.Exists(requested))
            {
                throw new DllNotFoundException(
                    $"The native library '{requested}' named by {PathVariable} does not exist. Build it (see docs/ARCHITECTURE.md) or unset the variable.");
            }

            return requested;
        }

        var baseDir = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location) ?? AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(baseDir, "runtimes", "linux-x64", "native", FileName),
            Path.Combine(baseDir, FileName),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName),
            Path.Combine(AppContext.BaseDirectory, FileName),
        ];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"The native libtorch binding '{FileName}' was not found beside '{baseDir}'. " +
            "It is built by 'dotnet build' (which needs 'sudo apt-get install libtorch-dev cmake g++'); " +
            $"or set {PathVariable} to its path.");
    }
}

using System.Runtime.InteropServices;

namespace LotteryTickets.Engine;

/// <summary>
/// The instruction set libtorch's oneDNN kernels (CPU convolutions) may use. With its AVX-512 kernels, the libtorch of
/// TorchSharp 0.107 computes wrong float32 gradients through a convolution's input on some AVX-512 CPUs (relative
/// errors of 0.2–0.5, sometimes NaN, varying run to run; float64 is exact). Capped at AVX2, first derivatives agree
/// with float64 to about 4e-7, but a quarter-width ResNet-20 still turned NaN within ten steps in one of two identical
/// runs, and second derivatives through stacked convolutions were 9% off; capped at SSE4.1, every check agrees. The process-wide setup (<see cref="Engine.EnsureInitialized"/>, also run when this library is
/// loaded) therefore caps oneDNN at <see cref="DefaultMaxIsa"/> by setting <c>ONEDNN_MAX_CPU_ISA</c> in the native
/// environment, which oneDNN reads once, at its first convolution.
/// </summary>
/// <remarks>
/// The cap is left out when the process already sets <c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>, when
/// <c>LOTTERYTICKETS_ONEDNN_MAX_ISA=0</c> (or <c>default</c>), and on machines that are not x86-64 Linux with glibc.
/// <c>LOTTERYTICKETS_ONEDNN_MAX_ISA</c> may also name another oneDNN ISA (e.g. <c>AVX512_CORE</c>) to use instead.
/// It takes effect only if set before libtorch runs its first convolution.
/// </remarks>
public static class OneDnn
{
    /// <summary>The instruction set oneDNN is capped at by default.</summary>
    public const string DefaultMaxIsa = "SSE41";

    /// <summary>The environment variable that chooses the cap: unset for <see cref="DefaultMaxIsa"/>, <c>0</c> or <c>default</c> for none, or a oneDNN ISA name.</summary>
    public const string Variable = "LOTTERYTICKETS_ONEDNN_MAX_ISA";

    private static readonly Lock Gate = new();
    private static bool applied;

    /// <summary>The ISA this process capped oneDNN at, or <see langword="null"/> when it left oneDNN alone.</summary>
    public static string? AppliedMaxIsa { get; private set; }

    /// <summary>Sets the cap once per process, as <see cref="ChooseMaxIsa"/> decides; later calls do nothing.</summary>
    internal static void ApplyOnce()
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }

            applied = true;
            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || !HostAllocator.IsGlibc)
            {
                return;
            }

            var isa = ChooseMaxIsa(name => Environment.GetEnvironmentVariable(name) ?? NativeGetEnv(name));
            if (isa is not null && Libc.setenv("ONEDNN_MAX_CPU_ISA", isa, 0) == 0)
            {
                AppliedMaxIsa = isa;
            }
        }
    }

    /// <summary>The ISA to cap oneDNN at, given the process's environment, or <see langword="null"/> to leave it alone.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    internal static string? ChooseMaxIsa(Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment("ONEDNN_MAX_CPU_ISA")) || !string.IsNullOrEmpty(environment("DNNL_MAX_CPU_ISA")))
        {
            return null;
        }

        var setting = environment(Variable)?.Trim();
        if (string.IsNullOrEmpty(setting))
        {
            return DefaultMaxIsa;
        }

        return setting == "0" || setting.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : setting.ToUpperInvariant();
    }

    private static string? NativeGetEnv(string name)
    {
        var value = Libc.getenv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    private static class Libc
    {
        [DllImport("libc.so.6", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

        [DllImport("libc.so.6", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    }
}

using System.Runtime.InteropServices;

namespace LotteryTickets.Native;

/// <summary>
/// An optional cap on the instruction set of libtorch's oneDNN kernels (CPU convolutions), for an application that
/// wants one (to compare kernels, or to steer clear of a kernel fault on its CPU). The library never caps oneDNN by
/// itself; <see cref="Engine.ConfigureProcess"/> does when <see cref="ProcessSettings.OneDnnMaxIsa"/> asks for it.
/// </summary>
/// <remarks>
/// The cap is oneDNN's own <c>ONEDNN_MAX_CPU_ISA</c>, set in the native environment (libc <c>setenv</c>), which oneDNN
/// reads once, at its first convolution: it takes effect only if set before then. A cap the process already sets
/// (<c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>) is never overridden. Only on x86-64 Linux with glibc.
/// float32 convolution gradients were checked against float64 uncapped on the project's machines
/// (<c>docs/known-issues.md</c>); no cap is needed for correct results there.
/// </remarks>
public static class OneDnn
{
    /// <summary>The ISA names oneDNN's <c>ONEDNN_MAX_CPU_ISA</c> accepts on x86-64.</summary>
    public static IReadOnlyList<string> IsaNames { get; } =
    [
        "SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2", "AVX512_CORE", "AVX512_CORE_VNNI", "AVX512_CORE_BF16",
        "AVX10_1_512", "AVX512_CORE_FP16", "AVX10_1_512_AMX", "AVX512_CORE_AMX", "AVX10_1_512_AMX_FP16",
        "AVX512_CORE_AMX_FP16", "ALL",
    ];

    private static readonly Lock Gate = new();

    /// <summary>The ISA this process capped oneDNN at through <see cref="Engine.ConfigureProcess"/>, or <see langword="null"/>.</summary>
    public static string? AppliedMaxIsa { get; private set; }

    /// <summary>Why <paramref name="isa"/> is not a oneDNN ISA name, or <see langword="null"/> when it is one.</summary>
    internal static string? CheckIsa(string isa) =>
        IsaNames.Contains(isa.Trim().ToUpperInvariant())
            ? null
            : $"not a oneDNN ISA; use one of {string.Join(", ", IsaNames)}.";

    /// <summary>
    /// Caps oneDNN at <paramref name="isa"/> unless the process sets a cap itself or is not x86-64 Linux with glibc.
    /// </summary>
    /// <returns>The cap set, or <see langword="null"/> when nothing was changed.</returns>
    internal static string? Cap(string isa)
    {
        lock (Gate)
        {
            var name = isa.Trim().ToUpperInvariant();
            if (AppliedMaxIsa == name)
            {
                return name;
            }

            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || !HostAllocator.IsGlibc)
            {
                return null;
            }

            if (!string.IsNullOrEmpty(NativeGetEnv("ONEDNN_MAX_CPU_ISA")) || !string.IsNullOrEmpty(NativeGetEnv("DNNL_MAX_CPU_ISA")))
            {
                return null;
            }

            if (Libc.setenv("ONEDNN_MAX_CPU_ISA", name, 0) != 0)
            {
                return null;
            }

            AppliedMaxIsa = name;
            return name;
        }
    }

    /// <summary>The process's native environment value of <paramref name="name"/> (libc <c>getenv</c>), or null.</summary>
    internal static string? NativeGetEnv(string name)
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

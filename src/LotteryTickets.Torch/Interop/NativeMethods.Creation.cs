using System.Runtime.InteropServices;

namespace LotteryTickets.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static unsafe partial int lt_full(long* shape, long ndim, double value, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_empty(long* shape, long ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_eye(long n, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_rand(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_randn(long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static unsafe partial int lt_randint(long low, long high, long* shape, long ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_randperm(long n, IntPtr generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_random_fill_(TensorHandle tensor, int kind, double a, double b, IntPtr generator);

    [LibraryImport(Library)]
    internal static partial int lt_fill_(TensorHandle tensor, double value);

    [LibraryImport(Library)]
    internal static partial int lt_zero_(TensorHandle tensor);

    [LibraryImport(Library)]
    internal static partial void lt_generator_free(IntPtr generator);

    [LibraryImport(Library)]
    internal static partial int lt_generator_new(ulong seed, int deviceType, int deviceIndex, out GeneratorHandle result);

    [LibraryImport(Library)]
    internal static partial int lt_generator_set_seed(GeneratorHandle generator, ulong seed);

    [LibraryImport(Library)]
    internal static partial int lt_generator_seed(GeneratorHandle generator, out ulong seed);

    [LibraryImport(Library)]
    internal static partial int lt_generator_get_state(GeneratorHandle generator, out TensorHandle state);

    [LibraryImport(Library)]
    internal static partial int lt_generator_set_state(GeneratorHandle generator, TensorHandle state);
}

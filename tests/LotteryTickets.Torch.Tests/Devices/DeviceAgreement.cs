using System.Runtime.CompilerServices;
using LotteryTickets.Torch.Tests.Reference;

namespace LotteryTickets.Torch.Tests.Devices;

/// <summary>
/// Runs a reference case (<see cref="ReferenceCases"/>, <see cref="FunctionalDeviceCases"/>) twice: on the CPU, and
/// with its inputs moved to another device; the second result, moved back, must equal the first within
/// <see cref="ToleranceFor"/>. Integer and bool results are compared exactly, shapes and dtypes always.
/// </summary>
/// <remarks>
/// Tolerances (|cpu − device| ≤ absolute + relative · max magnitude): pointwise and data-movement ops 1e-10 relative
/// in float64 and 1e-5 in float32 (CUDA's transcendental functions are within a few ulps of the CPU's, not bit equal);
/// reductions, scans and matrix products, whose summation order differs on the GPU, 1e-9 in float64 and 1e-4 in
/// float32; float32 convolutions 5e-3 relative and 1e-2 absolute, because cuDNN may compute them in TF32 (a 10-bit
/// mantissa) on Ampere and later GPUs, which libtorch allows by default.
/// </remarks>
internal static class DeviceAgreement
{
    private static readonly ReferenceTolerance Pointwise = new(1e-10, 1e-12, 1e-5, 1e-6, "the CPU", "the device");

    private static readonly ReferenceTolerance Accumulating = new(1e-9, 1e-11, 1e-4, 1e-5, "the CPU", "the device");

    private static readonly ReferenceTolerance Tf32 = new(1e-9, 1e-11, 5e-3, 1e-2, "the CPU", "the device");

    private static readonly string[] AccumulatingFamilies =
        ["reduce.", "matmul.", "mm", "bmm", "addmm", "dot", "cumsum", "allclose", "scatter_add", "index_put_.accumulate", "fn.", "grad."];

    /// <summary>
    /// The reference cases left out, with the reason: the factories without input tensors (the device is their
    /// argument, not their inputs'; the deterministic ones are covered by <see cref="Factories"/>) and the random
    /// draws from a CPU generator (a CUDA generator draws another stream, so no equality is expected).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Excluded { get; } = ReferenceCases.ByName.Values
        .Where(c => c.Inputs.Length == 0)
        .ToDictionary(
            c => c.Name,
            c => c.Name.Contains(".generator", StringComparison.Ordinal)
                ? "a random draw from a CPU generator: CUDA generators draw other streams"
                : "a factory without input tensors: its device is an argument, covered by DeviceAgreement.Factories");

    /// <summary>Every case that runs on both devices: the reference cases not <see cref="Excluded"/>, then the functional ones.</summary>
    public static IReadOnlyDictionary<string, ReferenceCase> Cases { get; } = ReferenceCases.ByName
        .Where(kv => !Excluded.ContainsKey(kv.Key))
        .Concat(FunctionalDeviceCases.ByName)
        .ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The deterministic factories, by name, as functions of the device they create on.</summary>
    public static IReadOnlyDictionary<string, Func<Device, Tensor>> Factories { get; } = new Dictionary<string, Func<Device, Tensor>>
    {
        ["arange.int"] = d => Tensor.Arange(0, 10, 3, device: d),
        ["arange.end"] = d => Tensor.Arange(5, device: d),
        ["arange.float64"] = d => Tensor.Arange(-1, 1, 0.3, ScalarType.Float64, d),
        ["linspace"] = d => Tensor.Linspace(-2, 3, 7, ScalarType.Float64, d),
        ["linspace.float32"] = d => Tensor.Linspace(0, 1, 5, device: d),
        ["eye"] = d => Tensor.Eye(3, device: d),
        ["full"] = d => Tensor.Full([2, 3], 2.5, device: d),
        ["zeros.int64"] = d => Tensor.Zeros([4], ScalarType.Int64, d),
        ["ones.float64"] = d => Tensor.Ones([2, 2], ScalarType.Float64, d),
        ["scalar"] = d => Tensor.Scalar(-1.25, ScalarType.Float64, d),
    };

    /// <summary>The tolerance of a case, by its family (see the remarks of <see cref="DeviceAgreement"/>).</summary>
    public static ReferenceTolerance ToleranceFor(string name) =>
        name.StartsWith("fn.conv2d.float32", StringComparison.Ordinal) ? Tf32
        : AccumulatingFamilies.Any(f => name.StartsWith(f, StringComparison.Ordinal)) ? Accumulating
        : Pointwise;

    /// <summary>
    /// Null when the case gives the CPU's result on <paramref name="device"/>, else a description of the first
    /// difference (including a result tensor left on another device).
    /// </summary>
    public static string? Compare(string name, Device device)
    {
        var c = Cases[name];
        using var scope = DisposeScope.Begin();
        var onCpu = ReferenceValue.FromResult(c.Compute(c.Inputs.Select(i => i.ToTensor()).ToArray()));
        var inputs = c.Inputs.Select(i => i.ToTensor().To(device)).ToArray();
        var result = c.Compute(inputs);
        if (TensorsOf(result).FirstOrDefault(t => !IsOn(t, device)) is { } stray)
        {
            return $"A result tensor of '{name}' is on {stray.Device}, not on {device} where its inputs are.";
        }

        return ReferenceValue.Difference(onCpu, ReferenceValue.FromResult(result), ToleranceFor(name));
    }

    /// <summary>Null when the factory gives the CPU's tensor on <paramref name="device"/>, else the first difference.</summary>
    public static string? CompareFactory(string name, Device device)
    {
        using var scope = DisposeScope.Begin();
        var onDevice = Factories[name](device);
        if (!IsOn(onDevice, device))
        {
            return $"The factory '{name}' created its tensor on {onDevice.Device}, not on {device}.";
        }

        return ReferenceValue.Difference(
            ReferenceValue.FromResult(Factories[name](Device.Cpu)), ReferenceValue.FromResult(onDevice), Pointwise);
    }

    /// <summary>Whether <paramref name="t"/> lives on <paramref name="device"/> (a CPU tensor's index is not compared).</summary>
    public static bool IsOn(Tensor t, Device device) =>
        t.Device.Type == device.Type && (device.Type == DeviceType.Cpu || t.Device.Index == device.Index);

    private static IEnumerable<Tensor> TensorsOf(object result) => result switch
    {
        Tensor t => [t],
        Tensor[] ts => ts,
        ITuple tuple => Enumerable.Range(0, tuple.Length).SelectMany(i => tuple[i] is { } item ? TensorsOf(item) : []),
        _ => [],
    };
}

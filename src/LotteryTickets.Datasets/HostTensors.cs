using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets;

/// <summary>Tensors made from host memory in one copy, and a device key usable in dictionaries.</summary>
internal static class HostTensors
{
    /// <summary>
    /// A new tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/>, on <paramref name="device"/>
    /// (the CPU when null). The values are copied once into the tensor's own CPU memory, then moved when needed.
    /// </summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> values, long[] shape, ScalarType type, Device? device = null)
        where T : unmanaged
    {
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values cannot fill a tensor of {count} elements.", nameof(values));
        }

        var host = torch.empty(shape, type);
        if (count > 0)
        {
            MemoryMarshal.AsBytes(values).CopyTo(host.bytes);
        }

        if (device is null || device.type == DeviceType.CPU)
        {
            return host;
        }

        using (host)
        {
            return host.to(device);
        }
    }

    /// <summary>The CPU when <paramref name="device"/> is null.</summary>
    public static Device OrCpu(Device? device) => device ?? torch.CPU;

    /// <summary>A value that identifies a device (TorchSharp's <see cref="Device"/> compares by reference).</summary>
    public static (DeviceType Type, int Index) Key(Device device) =>
        (device.type, device.type == DeviceType.CPU ? -1 : Math.Max(device.index, 0));
}

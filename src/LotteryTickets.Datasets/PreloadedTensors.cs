using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets;

/// <summary>
/// The tensors a dataset was converted into for preloading loaders, at most one pair per device, made on first
/// use and owned here until released. Safe to use from several threads.
/// </summary>
internal sealed class PreloadedTensors
{
    private readonly Dictionary<(DeviceType Type, int Index), (Tensor Images, Tensor Labels)> byDevice = [];

    /// <summary>
    /// The pair on <paramref name="device"/>, made with <paramref name="make"/> if there is none yet (its tensors are
    /// taken out of any dispose scope); borrowed: owned here until released.
    /// </summary>
    public (Tensor Images, Tensor Labels) GetOrAdd(Device device, Func<Device, (Tensor Images, Tensor Labels)> make)
    {
        lock (byDevice)
        {
            if (!byDevice.TryGetValue(HostTensors.Key(device), out var tensors))
            {
                using var scope = torch.NewDisposeScope();
                var (images, labels) = make(device);
                tensors = (images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
                byDevice[HostTensors.Key(device)] = tensors;
            }

            return tensors;
        }
    }

    /// <summary>Whether there is a pair on <paramref name="device"/>.</summary>
    public bool Contains(Device device)
    {
        lock (byDevice)
        {
            return byDevice.ContainsKey(HostTensors.Key(device));
        }
    }

    /// <summary>Disposes the pair on <paramref name="device"/>, if any.</summary>
    public void Release(Device device)
    {
        lock (byDevice)
        {
            if (byDevice.Remove(HostTensors.Key(device), out var tensors))
            {
                tensors.Images.Dispose();
                tensors.Labels.Dispose();
            }
        }
    }

    /// <summary>Disposes the pairs on every device.</summary>
    public void ReleaseAll()
    {
        lock (byDevice)
        {
            foreach (var (images, labels) in byDevice.Values)
            {
                images.Dispose();
                labels.Dispose();
            }

            byDevice.Clear();
        }
    }
}

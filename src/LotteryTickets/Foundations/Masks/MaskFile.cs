using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// A <see cref="Mask"/> as a safetensors file: one float32 tensor per layer under the layer's name, and the
/// layer kinds and output layer in the metadata (<see cref="MaskFileMetadata"/>).
/// </summary>
internal static class MaskFile
{
    /// <summary>Writes <paramref name="mask"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(Mask mask, string path)
    {
        var dict = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < mask.Count; i++)
        {
            dict[mask.Layers[i].Name] = mask.TensorAt(i);
        }

        SafeTensors.Save(path, dict, MaskFileMetadata.Write(mask.Layers));
    }

    /// <summary>
    /// Reads the mask in <paramref name="path"/> onto <paramref name="device"/>, for <paramref name="layers"/> when
    /// given, else for the layers of the file's metadata, else for every tensor in file order.
    /// </summary>
    /// <exception cref="ArgumentException">The file's tensors break an invariant.</exception>
    public static Mask Load(string path, IReadOnlyList<PrunableLayer>? layers, Device? device)
    {
        using var scope = NewDisposeScope();
        var loaded = SafeTensors.Load(path, device);
        layers ??= MaskFileMetadata.Read(SafeTensors.ReadMetadata(path), loaded);
        return layers is null ? Mask.Create(loaded) : Mask.Create(loaded, layers);
    }
}

using System.Text.Json;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>The layer list of a mask, as kept in a safetensors file's metadata.</summary>
internal static class MaskFileMetadata
{
    public const string LayersKey = "lottery_tickets.mask_layers";

    public static Dictionary<string, string> Write(IEnumerable<PrunableLayer> layers) => new(StringComparer.Ordinal)
    {
        [LayersKey] = JsonSerializer.Serialize(layers.Select(l => new Entry(l.Name, l.Kind.ToString(), l.IsOutput)).ToArray()),
    };

    /// <summary>The layers recorded in <paramref name="metadata"/>, or null when absent or not matching the tensors.</summary>
    public static IReadOnlyList<PrunableLayer>? Read(IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, Tensor> tensors)
    {
        if (!metadata.TryGetValue(LayersKey, out var json))
        {
            return null;
        }

        var entries = JsonSerializer.Deserialize<Entry[]>(json);
        if (entries is null || entries.Any(e => !tensors.ContainsKey(e.Name) || !Enum.TryParse<LayerKind>(e.Kind, out _)))
        {
            return null;
        }

        return entries.Select(e => new PrunableLayer(e.Name, tensors[e.Name].shape, Enum.Parse<LayerKind>(e.Kind), e.Output)).ToList();
    }

    private sealed record Entry(string Name, string Kind, bool Output);
}

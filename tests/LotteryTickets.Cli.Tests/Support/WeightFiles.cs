using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Cli.Tests.Support;

/// <summary>Small safetensors files for the prune tests.</summary>
internal static class WeightFiles
{
    /// <summary>
    /// 'fc1.weight' [10, 20] with distinct magnitudes in (0, 1), 'fc1.bias' [10] (not prunable) and 'fc2.weight'
    /// [5, 10] with distinct magnitudes in (10, 11), signs alternating; so a global threshold prunes fc1 first.
    /// </summary>
    public static Dictionary<string, float[]> Values(int seed = 1)
    {
        var random = new Random(seed);
        return new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["fc1.weight"] = Distinct(random, 200, 0f),
            ["fc1.bias"] = Distinct(random, 10, 0f),
            ["fc2.weight"] = Distinct(random, 50, 10f),
        };
    }

    public static readonly Dictionary<string, long[]> Shapes = new(StringComparer.Ordinal)
    {
        ["fc1.weight"] = [10, 20],
        ["fc1.bias"] = [10],
        ["fc2.weight"] = [5, 10],
    };

    public static void Write(string path, IReadOnlyDictionary<string, float[]> values, IReadOnlyDictionary<string, long[]>? shapes = null)
    {
        shapes ??= Shapes;
        using var scope = torch.NewDisposeScope();
        var tensors = values.ToDictionary(v => v.Key, v => torch.tensor(v.Value, dimensions: shapes[v.Key]), StringComparer.Ordinal);
        SafeTensors.Save(path, tensors);
    }

    public static Dictionary<string, float[]> Read(string path)
    {
        using var scope = torch.NewDisposeScope();
        return SafeTensors.Load(path).ToDictionary(t => t.Key, t => t.Value.to(ScalarType.Float32).flatten().data<float>().ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The 0/1 mask keeping the <paramref name="keep"/> largest |values| among positions where <paramref name="alive"/> is 1, computed without the library.</summary>
    public static float[] KeepLargest(float[] values, int keep, float[]? alive = null)
    {
        var mask = new float[values.Length];
        foreach (var i in Enumerable.Range(0, values.Length).Where(i => alive is null || alive[i] == 1).OrderByDescending(i => Math.Abs(values[i])).Take(keep))
        {
            mask[i] = 1;
        }

        return mask;
    }

    private static float[] Distinct(Random random, int count, float offset) =>
        Enumerable.Range(1, count)
            .OrderBy(_ => random.Next())
            .Select((k, i) => (offset + (k / (count + 1f))) * (i % 2 == 0 ? 1 : -1))
            .ToArray();
}

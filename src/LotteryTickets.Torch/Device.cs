using System.Globalization;

namespace LotteryTickets.Torch;

/// <summary>A device that holds tensors: the CPU, or a CUDA GPU by index.</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The device index (CUDA ordinal); -1 for the CPU.</param>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The host CPU.</summary>
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    /// <summary>The first CUDA GPU.</summary>
    public static Device Cuda0 { get; } = new(DeviceType.Cuda, 0);

    /// <summary>Whether this is a CUDA device.</summary>
    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>The CUDA GPU with the given ordinal.</summary>
    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <exception cref="FormatException">The text names no device.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "cuda" || t == "gpu") return Cuda0;
        if (t.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return Cuda(i);
        }

        throw new FormatException($"The device '{text}' is not recognized. Use 'cpu', 'cuda' or 'cuda:N'.");
    }

    /// <inheritdoc />
    public override string ToString() =>
        Type == DeviceType.Cpu ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index.ToString(CultureInfo.InvariantCulture)}";
}

using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets;

/// <summary>
/// Turns data a TorchSharp program already holds — plain tensors, or any <c>torch.utils.data.Dataset</c> whose items are
/// dictionaries with a <c>"data"</c> and a <c>"label"</c> tensor (TorchSharp's and TorchVision's convention) — into an
/// <see cref="ImageDataset"/>, the in-memory form the trainer and the experiment runner use, once. The copy is made on
/// the host; an experiment identifies it by a fingerprint of its contents, like any data held in memory.
/// </summary>
/// <example>
/// <code>
/// var train = TensorDatasets.FromDataset(torchvision.datasets.MNIST(root, train: true), "mnist-train");
/// var test = TensorDatasets.FromTensors(testImages, testLabels, "mnist-test", classCount: 10);
/// var (fit, validation) = train.SplitValidation(5000);
/// LotteryExperiment.Create("mine").WithData(new DatasetSplits(fit, validation, test)) /* … */;
/// </code>
/// </example>
public static class TensorDatasets
{
    /// <summary>The item key of a sample's input in a <c>torch.utils.data.Dataset</c>.</summary>
    public const string DataKey = "data";

    /// <summary>The item key of a sample's class label in a <c>torch.utils.data.Dataset</c>.</summary>
    public const string LabelKey = "label";

    /// <summary>
    /// An <see cref="ImageDataset"/> of the samples in <paramref name="inputs"/> with the classes in <paramref name="labels"/>.
    /// Floating-point inputs are kept as float32 values, as given; <c>uint8</c> inputs as bytes, read as value / 255 (as
    /// TorchVision's <c>ToTensor</c>). Inputs N×C×H×W keep their shape, N×H×W get one channel and N×D become 1×1×D.
    /// </summary>
    /// <param name="inputs">N samples: N×C×H×W, N×H×W or N×D, floating point or <c>uint8</c>, on any device.</param>
    /// <param name="labels">N class labels (a whole-number tensor of N elements), each in [0, classes).</param>
    /// <param name="name">A name for messages.</param>
    /// <param name="classCount">The number of classes; <see langword="null"/> for the largest label + 1.</param>
    /// <returns>A new dataset holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">A shape, a type, the counts or a label is wrong; the message names it and says what to give.</exception>
    public static ImageDataset FromTensors(Tensor inputs, Tensor labels, string name, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(name);
        var shape = SampleShapeOf(inputs.shape[1..], $"The inputs of '{name}' have shape {Show(inputs.shape)}", inputs.dim() is >= 2 and <= 4);
        CheckType(inputs.dtype, $"The inputs of '{name}'");
        if (!IsWhole(labels.dtype))
        {
            throw new ArgumentException($"The labels of '{name}' are {labels.dtype}; give whole numbers (Int64, Int32, …), one class index per sample.", nameof(labels));
        }

        if (labels.numel() != inputs.shape[0] || (labels.dim() > 1 && labels.shape.Count(d => d != 1) > 1))
        {
            throw new ArgumentException(
                $"The inputs of '{name}' hold {inputs.shape[0]} samples but its labels have shape {Show(labels.shape)}; give one label per sample (a tensor of {inputs.shape[0]} elements).",
                nameof(labels));
        }

        using var scope = torch.NewDisposeScope();
        var flatLabels = Labels(labels.reshape(-1));
        var classes = Classes(flatLabels, classCount, name);
        var flat = inputs.detach().cpu().contiguous();
        return inputs.dtype == ScalarType.Byte
            ? ImageDataset.FromBytes(name, flat.data<byte>().ToArray(), shape, flatLabels, classes)
            : ImageDataset.FromFloats(name, flat.to(ScalarType.Float32).data<float>().ToArray(), shape, flatLabels, classes);
    }

    /// <summary>
    /// An <see cref="ImageDataset"/> of every item of <paramref name="dataset"/>, read once in index order: each item's
    /// <see cref="DataKey"/> tensor (C×H×W, H×W or D, the same shape and type for every item) and <see cref="LabelKey"/>
    /// tensor (one whole number). The values are converted as <see cref="FromTensors"/> does.
    /// </summary>
    /// <param name="dataset">The dataset; the caller keeps it (and the tensors it returns are released here).</param>
    /// <param name="name">A name for messages.</param>
    /// <param name="classCount">The number of classes; <see langword="null"/> for the largest label + 1.</param>
    /// <returns>A new dataset holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">An item lacks a key, or its data or label has another shape or type than the first item's; the message names the item.</exception>
    public static ImageDataset FromDataset(torch.utils.data.Dataset dataset, string name, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(name);
        var count = dataset.Count;
        if (count is <= 0 or > int.MaxValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The dataset '{name}' has {count} items; give a dataset of 1 to {int.MaxValue} items."), nameof(dataset));
        }

        long[]? shape = null;
        var dtype = ScalarType.Float32;
        var samples = new List<Tensor>((int)count);
        var labels = new int[count];
        using var scope = torch.NewDisposeScope();
        for (long i = 0; i < count; i++)
        {
            var item = dataset.GetTensor(i);
            var data = Entry(item, DataKey, i, name);
            var label = Entry(item, LabelKey, i, name);
            if (shape is null)
            {
                (shape, dtype) = (data.shape, data.dtype);
                CheckType(dtype, string.Create(CultureInfo.InvariantCulture, $"The data of item 0 of '{name}'"));
                _ = SampleShapeOf(shape, $"The data of item 0 of '{name}' has shape {Show(shape)}", shape.Length is >= 1 and <= 3);
            }
            else if (!data.shape.SequenceEqual(shape) || data.dtype != dtype)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The data of item {i} of '{name}' is {data.dtype} of shape {Show(data.shape)}, but item 0's is {dtype} of shape {Show(shape)}; give every item data of the same shape and type."),
                    nameof(dataset));
            }

            if (!IsWhole(label.dtype) || label.numel() != 1)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The label of item {i} of '{name}' is {label.dtype} of shape {Show(label.shape)}; give one whole number (the class index) per item."),
                    nameof(dataset));
            }

            labels[i] = checked((int)label.ToInt64());
            samples.Add(data.detach().cpu());
        }

        var inputs = torch.stack(samples);
        using var labelTensor = torch.tensor(labels, ScalarType.Int64);
        return FromTensors(inputs, labelTensor, name, classCount);
    }

    private static Tensor Entry(Dictionary<string, Tensor> item, string key, long index, string name) =>
        item is not null && item.TryGetValue(key, out var tensor) && tensor is not null
            ? tensor
            : throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Item {index} of '{name}' has no '{key}' tensor (its keys: {(item is null ? "none" : string.Join(", ", item.Keys.Select(k => $"'{k}'")))}); give items with a '{DataKey}' and a '{LabelKey}' tensor."),
                "dataset");

    private static SampleShape SampleShapeOf(long[] sample, string what, bool rankFits)
    {
        if (!rankFits || sample.Any(d => d <= 0 || d > int.MaxValue))
        {
            throw new ArgumentException($"{what}; give samples of shape C×H×W, H×W or D (each dimension at least 1).");
        }

        return sample.Length switch
        {
            3 => new SampleShape((int)sample[0], (int)sample[1], (int)sample[2]),
            2 => new SampleShape(1, (int)sample[0], (int)sample[1]),
            _ => new SampleShape(1, 1, (int)sample[0]),
        };
    }

    private static void CheckType(ScalarType type, string what)
    {
        if (type != ScalarType.Byte && !torch.is_floating_point(type))
        {
            throw new ArgumentException($"{what} are {type}; give floating-point values (Float32, Float64, …) or bytes (UInt8).");
        }
    }

    private static bool IsWhole(ScalarType type) => type is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte;

    private static int[] Labels(Tensor labels)
    {
        var values = labels.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] is >= 0 and <= int.MaxValue ? (int)values[i] : -1;
        }

        return result;
    }

    private static int Classes(int[] labels, int? classCount, string name)
    {
        var negative = Array.FindIndex(labels, l => l < 0);
        if (negative >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Label {negative} of '{name}' is negative or too large; class labels are 0, 1, …, classes − 1."), "labels");
        }

        return classCount ?? (labels.Length == 0 ? 1 : labels.Max() + 1);
    }

    private static string Show(long[] shape) => "[" + string.Join(", ", shape) + "]";
}

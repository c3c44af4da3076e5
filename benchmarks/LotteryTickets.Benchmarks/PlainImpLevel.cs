using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// The IMP level of <see cref="ImpLevel"/> written directly in TorchSharp, without the library, line for line as
/// <c>benchmarks/python/imp_level.py</c>: Fashion-MNIST read from its gzip IDX files into normalised tensors
/// (55,000 / 5,000 / 10,000), a <see cref="Sequential"/> LeNet-300-100 (TorchSharp's default initialization from
/// <c>torch.manual_seed(0)</c>), per level: rewind to the initial weights, zero the pruned ones, train N iterations
/// with <c>torch.optim.Adam(lr = 1.2e-3)</c> on shuffled batches of 60 (<c>randperm</c> from a seeded generator) with
/// the pruned weights set to zero under no_grad after each step, evaluate on validation and test, prune 20% of each
/// hidden layer's remaining weights and 10% of the output layer's by |w|.
/// </summary>
/// <remarks><c>imp-level --impl plain [--iterations 1000] [--levels 3] [--data /usr/share/datasets/fashion-mnist]</c>.</remarks>
internal static class PlainImpLevel
{
    private const int Batch = 60;

    public static int Run(string[] args)
    {
        var iterations = StepLoop.Option(args, "--iterations", 1000);
        var levels = StepLoop.Option(args, "--levels", 3);
        var folder = BenchOptions.Text(args, "--data", "/usr/share/datasets/fashion-mnist");
        torch.manual_seed(0);
        var load = Stopwatch.StartNew();
        using var trainImages = Images(Path.Combine(folder, "train-images-idx3-ubyte.gz"));
        using var trainLabels = Labels(Path.Combine(folder, "train-labels-idx1-ubyte.gz"));
        using var testImages = Images(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        using var testLabels = Labels(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        using var xtr = trainImages.narrow(0, 0, 55000);
        using var ytr = trainLabels.narrow(0, 0, 55000);
        using var xva = trainImages.narrow(0, 55000, trainImages.shape[0] - 55000);
        using var yva = trainLabels.narrow(0, 55000, trainLabels.shape[0] - 55000);
        var loadSeconds = load.Elapsed.TotalSeconds;

        using var model = nn.Sequential(
            ("flatten", nn.Flatten()),
            ("fc1", nn.Linear(784, 300)),
            ("relu1", nn.ReLU()),
            ("fc2", nn.Linear(300, 100)),
            ("relu2", nn.ReLU()),
            ("fc3", nn.Linear(100, 10)));
        var init = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone(), StringComparer.Ordinal);
        var weights = model.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).ToList();
        var masks = weights.ToDictionary(p => p.name, p => torch.ones_like(p.parameter), StringComparer.Ordinal);
        using var generator = new torch.Generator(1);
        var times = new List<double>();
        double testAccuracy = 0;
        for (var level = 0; level < levels; level++)
        {
            var sw = Stopwatch.StartNew();
            using (torch.no_grad())
            {
                foreach (var (name, p) in model.named_parameters())
                {
                    p.copy_(init[name]);
                }
            }

            var pruned = masks.ToDictionary(m => m.Key, m => m.Value.eq(0), StringComparer.Ordinal);
            void ApplyMasks()
            {
                using var noGrad = torch.no_grad();
                foreach (var (name, p) in weights)
                {
                    p.masked_fill_(pruned[name], 0);
                }
            }

            ApplyMasks();
            using (var optimizer = torch.optim.Adam(model.parameters(), lr: 1.2e-3))
            {
                var perm = torch.randperm(xtr.shape[0], generator: generator);
                long position = 0;
                for (var it = 0; it < iterations; it++)
                {
                    using var scope = torch.NewDisposeScope();
                    if (position + Batch > xtr.shape[0])
                    {
                        perm.Dispose();
                        perm = torch.randperm(xtr.shape[0], generator: generator).DetachFromDisposeScope();
                        position = 0;
                    }

                    var index = perm.narrow(0, position, Batch);
                    position += Batch;
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(model.call(xtr.index_select(0, index)), ytr.index_select(0, index));
                    loss.backward();
                    optimizer.step();
                    ApplyMasks();
                }

                perm.Dispose();
            }

            Evaluate(model, xva, yva);
            testAccuracy = Evaluate(model, testImages, testLabels);
            var next = Prune(weights, masks, 0.2, 0.1);
            foreach (var m in masks.Values.Concat(pruned.Values))
            {
                m.Dispose();
            }

            masks = next;
            times.Add(sw.Elapsed.TotalSeconds);
        }

        foreach (var t in init.Values.Concat(masks.Values))
        {
            t.Dispose();
        }

        var sorted = times.Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["benchmark"] = "imp_level_lenet300_100_fashion_mnist",
            ["runtime"] = BenchOptions.Runtime(true),
            ["iterations"] = iterations,
            ["threads"] = torch.get_num_threads(),
            ["load_s"] = loadSeconds,
            ["level_s"] = times,
            ["level_s_median"] = sorted[sorted.Count / 2],
            ["last_test_accuracy"] = testAccuracy,
        }));
        return 0;
    }

    /// <summary>The loss is computed as in the Python twin (summed cross-entropy), the accuracy returned.</summary>
    private static double Evaluate(Sequential model, Tensor x, Tensor y)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double loss = 0;
        long correct = 0;
        var n = x.shape[0];
        for (long i = 0; i < n; i += 1000)
        {
            var end = Math.Min(n, i + 1000);
            var output = model.call(x.narrow(0, i, end - i));
            loss += nn.functional.cross_entropy(output, y.narrow(0, i, end - i), reduction: nn.Reduction.Sum).item<float>();
            correct += output.argmax(1).eq(y.narrow(0, i, end - i)).sum().item<long>();
        }

        model.train();
        return (double)correct / n;
    }

    /// <summary>Prunes the <paramref name="rate"/> smallest |w| of each layer's remaining weights (<paramref name="outputRate"/> for fc3).</summary>
    private static Dictionary<string, Tensor> Prune(List<(string name, Parameter parameter)> weights, Dictionary<string, Tensor> masks, double rate, double outputRate)
    {
        var next = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in weights)
        {
            using var scope = torch.NewDisposeScope();
            var m = masks[name];
            var remaining = m.sum().item<float>();
            var k = (long)Math.Ceiling((name == "fc3.weight" ? outputRate : rate) * remaining);
            var scores = p.detach().abs().flatten().clone();
            scores.masked_fill_(m.flatten().eq(0), double.PositiveInfinity);
            var drop = scores.argsort().narrow(0, 0, k);
            var flat = m.flatten().clone();
            flat.index_fill_(0, drop, 0);
            next[name] = flat.reshape(m.shape).MoveToOuterDisposeScope();
        }

        return next;
    }

    private static Tensor Images(string path)
    {
        var (dims, data) = Idx(path);
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(data, dtype: ScalarType.Byte).to(ScalarType.Float32).div_(255.0);
        return x.sub_(0.2860).div_(0.3530).reshape(dims[0], 1, dims[1], dims[2]).MoveToOuterDisposeScope();
    }

    private static Tensor Labels(string path)
    {
        var (_, data) = Idx(path);
        using var scope = torch.NewDisposeScope();
        return torch.tensor(data, dtype: ScalarType.Byte).to(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    private static (int[] Dims, byte[] Data) Idx(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Fashion-MNIST file '{path}' does not exist; install Debian's dataset-fashion-mnist or pass the folder with '--data'.", path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var bytes = memory.ToArray();
        var rank = bytes[3];
        var dims = Enumerable.Range(0, rank).Select(i => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)))).ToArray();
        return (dims, bytes[(4 + (4 * rank))..]);
    }
}

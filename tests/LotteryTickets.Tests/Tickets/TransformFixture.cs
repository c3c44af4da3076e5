using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

/// <summary>
/// A ticket of the tiny MLP (fc1 50% and fc2 50% kept, output 75% kept, at random positions) whose starting weights are the
/// initialization from seed 1, and trained weights from another initialization (seed 2), so that about half the weights
/// "decrease" in magnitude; with a context seeded by the given seed. Dispose it to release everything.
/// </summary>
internal sealed class TransformFixture : IDisposable
{
    public const string Layer = "fc1.weight";

    private readonly Dictionary<string, Tensor> initial;
    private readonly Dictionary<string, Tensor> trained;

    public TransformFixture(ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        using var other = TinyExperiment.CreateModel(new Generator(2));
        Layers = PrunableParameters.Select(model);
        initial = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        trained = other.state_dict().ToDictionary(e => e.Key, e => e.Value.clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        using var g = new Generator(5);
        var scores = Layers.ToDictionary(l => l.Name, l => torch.rand(l.Shape, generator: g));
        using var dense = Mask.Dense(Layers);
        using var mask = Pruner.Prune(scores, dense, PruningAmounts.Iterative(0.5, 0.25), PruningScope.Layerwise, g);
        Ticket = new Ticket(mask, initial);
        Generator = new Generator(seed);
        Context = new TicketTransformContext(Layers, initial, trained, Generator, seed, s =>
        {
            using var fresh = TinyExperiment.CreateModel(new Generator(s));
            return fresh.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        });
    }

    public IReadOnlyList<PrunableLayer> Layers { get; }

    public Ticket Ticket { get; }

    public Generator Generator { get; }

    public TicketTransformContext Context { get; }

    /// <summary>Applies <paramref name="transform"/> to the ticket with the fixture's context.</summary>
    public Ticket Apply(ITicketTransform transform) => transform.Apply(Ticket, Context);

    public static float[] Values(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.detach().to(ScalarType.Float32).contiguous().flatten().data<float>().ToArray();
    }

    public float[] Initial(string name) => Values(initial[name]);

    public float[] Trained(string name) => Values(trained[name]);

    public bool[] Kept(string name) => Values(Ticket.Mask[name]).Select(v => v != 0).ToArray();

    /// <summary>The population standard deviation (divisor n) of a layer's initial weights, in double.</summary>
    public double Sigma(string name)
    {
        var w = Initial(name).Select(v => (double)v).ToArray();
        var mean = w.Average();
        return Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / w.Length);
    }

    public void Dispose()
    {
        Ticket.Dispose();
        Generator.Dispose();
        foreach (var t in initial.Values.Concat(trained.Values))
        {
            t.Dispose();
        }
    }
}

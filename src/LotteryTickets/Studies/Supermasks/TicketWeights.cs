using LotteryTickets.Tickets;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>Helpers shared by the supermask experiments: the weights a ticket's network computes with, and transform contexts.</summary>
internal static class TicketWeights
{
    /// <summary>
    /// The ticket's full state dict with its mask applied: W ⊙ m at masked layers, plus (1 − m) ⊙ W_pruned when the ticket has
    /// pruned values. New tensors, owned by the current scope.
    /// </summary>
    public static Dictionary<string, Tensor> Effective(Ticket ticket)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, w) in ticket.Weights)
        {
            if (!ticket.Mask.Contains(name))
            {
                result[name] = w.clone();
                continue;
            }

            var m = ticket.Mask[name].to(w.dtype, w.device);
            var kept = w.mul(m);
            result[name] = ticket.PrunedValues is { } pv && pv.TryGetValue(name, out var frozen)
                ? kept.add(frozen.to(w.dtype, w.device).mul(m.neg().add(1.0)))
                : kept;
        }

        return result;
    }

    /// <summary>A transform context whose fresh weights come from <paramref name="factory"/> (or fail with a message when there is none).</summary>
    public static TicketTransformContext Context(
        IReadOnlyList<PrunableLayer> layers,
        IReadOnlyDictionary<string, Tensor> initial,
        IReadOnlyDictionary<string, Tensor> trained,
        Generator generator,
        ulong seed,
        Func<Generator, nn.Module<Tensor, Tensor>>? factory,
        string optionsName,
        string transformName) =>
        new(layers, initial, trained, generator, seed, s =>
        {
            if (factory is null)
            {
                throw new InvalidOperationException(
                    $"The ticket transform '{transformName}' needs freshly initialized weights, but '{optionsName}.ModelFactory' is not set; set it to the function that builds the model from a generator.");
            }

            using var g = new Generator(s);
            using var fresh = factory(g);
            return fresh.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone(), StringComparer.Ordinal);
        });
}

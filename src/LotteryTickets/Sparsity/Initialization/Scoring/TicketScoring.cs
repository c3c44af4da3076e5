using LotteryTickets.Datasets.Variants;
using LotteryTickets.Masks;
using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>What the pruning-at-initialization transforms share: the model with the ticket's start weights, the scoring batch, the count to keep.</summary>
internal static class TicketScoring
{
    /// <summary>A new model of the experiment's architecture holding the ticket's start weights, on the context's device, in training mode.</summary>
    public static nn.Module<Tensor, Tensor> Model(Ticket ticket, TicketTransformContext context, string transform)
    {
        var factory = context.RequireModelFactory(transform);
        using var generator = new Generator(context.DeriveSeed("model"));
        var model = factory(generator);
        try
        {
            StateDicts.Load(model, ticket.Weights);
            model.to(context.Device);
            model.train();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The class-balanced scoring batch of the (possibly sanity-checked) training data, on the context's device; owned by the current scope.</summary>
    public static (Tensor Images, Tensor Labels) Batch(TicketTransformContext context, string transform, ScoringDataVariant variant, int samplesPerClass)
    {
        var data = context.RequireTrainingData(transform);
        var variantSeed = context.DeriveSeed("data_variant");
        var batchSeed = context.DeriveSeed("scoring_batch");
        var batch = variant switch
        {
            // Labels first: the batch is balanced over the random labels, as Su et al. fetch it from the relabelled set.
            ScoringDataVariant.RandomLabels => ClassBalancedBatch.Select(data.WithRandomLabels(variantSeed), samplesPerClass, batchSeed),

            // One permutation for every image, labels kept: shuffling after the selection gives the same batch, cheaper.
            ScoringDataVariant.ShuffledPixels => ClassBalancedBatch.Select(data, samplesPerClass, batchSeed).WithShuffledPixels(variantSeed),
            _ => ClassBalancedBatch.Select(data, samplesPerClass, batchSeed),
        };
        return batch.ToTensors(context.Device);
    }

    /// <summary>The number of weights the ticket's mask keeps, over all its layers.</summary>
    public static long Kept(Mask mask)
    {
        using var scope = NewDisposeScope();
        return mask.Layers.Sum(l => mask[l.Name].count_nonzero().ToInt64());
    }
}

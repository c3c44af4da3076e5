namespace LotteryTickets.Torch.Optim;

/// <summary>
/// The hyper-parameters of <see cref="AdamW"/>: those of <see cref="AdamOptions"/>, with
/// PyTorch's AdamW default weight decay of 0.01.
/// </summary>
public sealed class AdamWOptions : AdamOptions
{
    /// <summary>Creates options with AdamW's defaults.</summary>
    public AdamWOptions()
    {
        WeightDecay = 1e-2;
    }
}

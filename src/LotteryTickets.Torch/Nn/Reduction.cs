namespace LotteryTickets.Torch.Nn;

/// <summary>How a loss combines its per-element values (the codes are libtorch's <c>at::Reduction</c>).</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss value per element (per sample for class losses).</summary>
    None = 0,

    /// <summary>The mean of the per-element values (weighted by non-ignored targets for class losses).</summary>
    Mean = 1,

    /// <summary>The sum of the per-element values.</summary>
    Sum = 2,
}

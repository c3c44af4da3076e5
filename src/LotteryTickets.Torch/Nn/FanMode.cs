namespace LotteryTickets.Torch.Nn;

/// <summary>Which fan scales a Kaiming initialization (PyTorch's <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>The number of inputs to a unit: preserves the variance of activations in the forward pass.</summary>
    FanIn,

    /// <summary>The number of outputs of a unit: preserves the variance of gradients in the backward pass.</summary>
    FanOut,
}

namespace LotteryTickets.Initialization;

/// <summary>The built-in layer-density rules with their default options.</summary>
public static class LayerDensities
{
    /// <summary>The same density in every layer.</summary>
    public static ILayerDensities Uniform { get; } = new UniformDensities();

    /// <summary>Su et al.'s smart ratio for a non-residual network, linear layers keeping 0.3.</summary>
    public static ILayerDensities SmartRatio { get; } = new SmartRatioDensities();

    /// <summary>Evci et al.'s Erdős–Rényi-Kernel densities.</summary>
    public static ILayerDensities Erk { get; } = new ErkDensities();
}

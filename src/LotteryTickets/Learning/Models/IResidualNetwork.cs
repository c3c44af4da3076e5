namespace LotteryTickets.Models;

/// <summary>
/// Marks a network whose blocks are joined by skip connections (a residual network, such as
/// <see cref="ResNet"/>). Methods that treat residual networks differently test for it with
/// <c>model is IResidualNetwork</c>: Su et al.'s smart ratio scales the keep ratio of the l-th layer by
/// 1/l² only for networks that are <em>not</em> residual, and leaves it unscaled for residual ones.
/// </summary>
/// <remarks>The zoo's <see cref="ResNet"/> implements it; <see cref="Vgg"/>, <see cref="ConvNet"/>,
/// <see cref="LeNet5"/> and <see cref="LeNet300100"/> do not.</remarks>
public interface IResidualNetwork
{
    /// <summary>The number of residual blocks (each adds its input, or a projection of it, to its output).</summary>
    int ResidualBlockCount { get; }
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.init;

namespace LotteryTickets.Models;

/// <summary>
/// The initialization of Su et al.'s CIFAR VGG and ResNet (after He et al.): every convolution weight
/// He-normal with a ReLU gain, convolution biases 0, batch-norm scales 1 and shifts 0, every linear
/// weight N(0, 0.01²) and linear biases 0. The weights are drawn from the generator in model order.
/// </summary>
internal static class ReferenceInitialization
{
    /// <summary>Re-initializes every Conv2d, BatchNorm and Linear of <paramref name="model"/>, in <see cref="SeededInit.ModulesDepthFirst"/> order (PyTorch's <c>modules()</c>).</summary>
    /// <param name="model">The model, changed in place.</param>
    /// <param name="convolutionFan">The fan of the He-normal convolution weights: fan-in (VGG) or fan-out (ResNet).</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    public static void Apply(nn.Module model, FanInOut convolutionFan, Generator? generator)
    {
        using var noGrad = no_grad();
        foreach (var module in SeededInit.ModulesDepthFirst(model))
        {
            switch (module)
            {
                case Conv2d conv:
                    SeededInit.KaimingNormal_(conv.weight, mode: convolutionFan, nonlinearity: NonlinearityType.ReLU, generator: generator);
                    conv.bias?.zero_();
                    break;
                case BatchNorm norm:
                    norm.weight?.fill_(1);
                    norm.bias?.zero_();
                    break;
                case Linear linear:
                    SeededInit.Normal_(linear.weight, 0, 0.01, generator);
                    linear.bias?.zero_();
                    break;
            }
        }
    }
}

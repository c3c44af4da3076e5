using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Models;

/// <summary>
/// The initialization of Su et al.'s CIFAR VGG and ResNet (after He et al.): every convolution weight
/// He-normal with a ReLU gain, convolution biases 0, batch-norm scales 1 and shifts 0, every linear
/// weight N(0, 0.01²) and linear biases 0. The weights are drawn from the generator in model order.
/// </summary>
internal static class ReferenceInitialization
{
    /// <summary>Re-initializes every Conv2d, BatchNorm and Linear of <paramref name="model"/>, in <see cref="Module.NamedModules"/> order.</summary>
    /// <param name="model">The model, changed in place.</param>
    /// <param name="convolutionFan">The fan of the He-normal convolution weights: fan-in (VGG) or fan-out (ResNet).</param>
    /// <param name="generator">The random generator; null for the global one.</param>
    public static void Apply(Module model, FanMode convolutionFan, Generator? generator)
    {
        using var noGrad = Autograd.NoGrad();
        foreach (var (_, module) in model.NamedModules())
        {
            switch (module)
            {
                case Conv2d conv:
                    Init.KaimingNormal_(conv.Weight, mode: convolutionFan, nonlinearity: Nonlinearity.Relu, generator: generator);
                    if (conv.Bias is { } convBias)
                    {
                        Init.Zeros_(convBias);
                    }

                    break;
                case BatchNorm norm:
                    if (norm.Weight is { } scale)
                    {
                        Init.Ones_(scale);
                    }

                    if (norm.Bias is { } shift)
                    {
                        Init.Zeros_(shift);
                    }

                    break;
                case Linear linear:
                    Init.Normal_(linear.Weight, 0, 0.01, generator);
                    if (linear.Bias is { } linearBias)
                    {
                        Init.Zeros_(linearBias);
                    }

                    break;
            }
        }
    }
}

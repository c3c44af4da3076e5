using LotteryTickets.Datasets;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// A model by name (<see cref="ComponentRegistry.Models"/>): builds a new model for the data's sample shape and number
/// of classes, initialized from <paramref name="generator"/> (before the call the runner also seeds TorchSharp's global
/// generator with the same seed).
/// </summary>
/// <param name="input">The shape of one sample.</param>
/// <param name="classes">The number of output classes.</param>
/// <param name="generator">The generator to initialize from.</param>
/// <returns>A new model, owned by the caller.</returns>
public delegate nn.Module<Tensor, Tensor> ModelFactory(SampleShape input, int classes, Generator generator);

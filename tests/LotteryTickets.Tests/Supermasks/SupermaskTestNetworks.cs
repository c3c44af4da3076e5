using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Tests.Supermasks;

/// <summary>Tiny networks for the supermask tests.</summary>
internal static class SupermaskTestNetworks
{
    /// <summary>One linear layer (inputs flattened): logits = x Wᵀ + b.</summary>
    public static Module OneLinear(long inputs, long outputs, Generator generator) => new OneLinearNet(inputs, outputs, generator);

    /// <summary>A 64-h-h-4 MLP for 1×8×8 Gaussian blobs.</summary>
    public static Module Mlp(long hidden, Generator generator) => new MlpNet(hidden, generator);

    /// <summary>A full copy of a model's state dict, owned by the current scope.</summary>
    public static Dictionary<string, Tensor> Snapshot(Module model) =>
        model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone(), StringComparer.Ordinal);

    private sealed class OneLinearNet : Module
    {
        private readonly Linear fc;

        public OneLinearNet(long inputs, long outputs, Generator generator)
        {
            fc = RegisterModule("fc", new Linear(inputs, outputs, generator: generator));
        }

        public override Tensor Forward(Tensor input) => fc.Forward(input.Flatten(1));
    }

    private sealed class MlpNet : Module
    {
        private readonly Linear fc1;
        private readonly Linear fc2;
        private readonly Linear fc3;

        public MlpNet(long hidden, Generator generator)
        {
            fc1 = RegisterModule("fc1", new Linear(64, hidden, generator: generator));
            fc2 = RegisterModule("fc2", new Linear(hidden, hidden, generator: generator));
            fc3 = RegisterModule("fc3", new Linear(hidden, 4, generator: generator));
        }

        public override Tensor Forward(Tensor input) => fc3.Forward(fc2.Forward(fc1.Forward(input.Flatten(1)).Relu()).Relu());
    }
}

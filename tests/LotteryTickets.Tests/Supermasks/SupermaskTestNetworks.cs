using LotteryTickets.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Supermasks;

/// <summary>Tiny networks for the supermask tests, with PyTorch's default initialization drawn from a generator.</summary>
internal static class SupermaskTestNetworks
{
    /// <summary>One linear layer (inputs flattened): logits = x Wᵀ + b.</summary>
    public static nn.Module<Tensor, Tensor> OneLinear(long inputs, long outputs, Generator generator) => new OneLinearNet(inputs, outputs, generator);

    /// <summary>A 64-h-h-4 MLP for 1×8×8 Gaussian blobs.</summary>
    public static nn.Module<Tensor, Tensor> Mlp(long hidden, Generator generator) => new MlpNet(hidden, generator);

    /// <summary>A full copy of a model's state dict, owned by the current scope.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone(), StringComparer.Ordinal);

    private sealed class OneLinearNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc;

        public OneLinearNet(long inputs, long outputs, Generator generator)
            : base(nameof(OneLinearNet))
        {
            fc = nn.Linear(inputs, outputs);
            RegisterComponents();
            SeededInit.ResetParameters(this, generator);
        }

        public override Tensor forward(Tensor input) => fc.call(input.flatten(1));
    }

    private sealed class MlpNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1;
        private readonly Linear fc2;
        private readonly Linear fc3;

        public MlpNet(long hidden, Generator generator)
            : base(nameof(MlpNet))
        {
            fc1 = nn.Linear(64, hidden);
            fc2 = nn.Linear(hidden, hidden);
            fc3 = nn.Linear(hidden, 4);
            RegisterComponents();
            SeededInit.ResetParameters(this, generator);
        }

        public override Tensor forward(Tensor input) => fc3.call(fc2.call(fc1.call(input.flatten(1)).relu()).relu());
    }
}

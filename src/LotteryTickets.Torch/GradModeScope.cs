using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>
/// Sets autograd's recording mode on this thread and restores the previous mode when disposed.
/// Created by <see cref="Autograd.NoGrad"/> and <see cref="Autograd.EnableGrad"/>.
/// </summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool previous;

    internal GradModeScope(bool enabled)
    {
        TorchRuntime.EnsureInitialized();
        NativeMethods.Check(NativeMethods.lt_grad_mode_set(enabled ? 1 : 0, out var p), nameof(Autograd.NoGrad));
        previous = p != 0;
    }

    /// <summary>Restores the previous mode.</summary>
    public void Dispose() => NativeMethods.Check(NativeMethods.lt_grad_mode_set(previous ? 1 : 0, out _), nameof(Dispose));
}

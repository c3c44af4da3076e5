using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

/// <summary>
/// An explicit random number generator. Passing one to random operations makes their
/// results depend only on its seed and the sequence of draws, not on global state.
/// Its state can be saved and restored, so random streams resume exactly.
/// </summary>
public sealed class Generator : IDisposable
{
    private readonly GeneratorHandle handle;

    /// <summary>Creates a generator seeded with <paramref name="seed"/> for <paramref name="device"/> (CPU by default).</summary>
    public Generator(ulong seed, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        NativeMethods.Check(NativeMethods.lt_generator_new(seed, (int)d.Type, d.Index, out handle), "Generator");
        Device = d;
    }

    /// <summary>The device whose random operations this generator drives.</summary>
    public Device Device { get; }

    /// <summary>The seed the generator was last seeded with.</summary>
    public ulong Seed
    {
        get
        {
            NativeMethods.Check(NativeMethods.lt_generator_seed(Handle, out var s), nameof(Seed));
            return s;
        }
    }

    internal GeneratorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle;
        }
    }

    /// <summary>Reseeds the generator, restarting its stream.</summary>
    public void ManualSeed(ulong seed) =>
        NativeMethods.Check(NativeMethods.lt_generator_set_seed(Handle, seed), nameof(ManualSeed));

    /// <summary>The full state of the generator, as a uint8 tensor (save it to resume the stream).</summary>
    public Tensor GetState() =>
        Tensor.Wrap(NativeMethods.lt_generator_get_state(Handle, out var r), r, nameof(GetState));

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    public void SetState(Tensor state)
    {
        ArgumentNullException.ThrowIfNull(state);
        NativeMethods.Check(NativeMethods.lt_generator_set_state(Handle, state.Handle), nameof(SetState));
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    /// <summary>The raw pointer for a native call, or zero for the global generator.</summary>
    internal static IntPtr Pointer(Generator? generator) =>
        generator is null ? IntPtr.Zero : generator.Handle.DangerousGetHandle();
}

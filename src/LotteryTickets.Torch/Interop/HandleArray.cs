namespace LotteryTickets.Torch.Interop;

/// <summary>
/// Pins a list of tensors' native handles for one native call that takes an array of
/// pointers: each handle is reference-counted for the duration, so none can be released
/// mid-call. Null entries become null pointers. Use with <c>using</c>.
/// </summary>
internal readonly ref struct HandleArray
{
    private readonly TensorHandle?[] handles;

    public HandleArray(IReadOnlyList<Tensor?> tensors)
    {
        handles = new TensorHandle?[tensors.Count];
        Pointers = new IntPtr[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                if (tensors[i] is not { } t)
                {
                    continue;
                }

                var h = t.Handle;
                var ok = false;
                h.DangerousAddRef(ref ok);
                if (ok)
                {
                    handles[i] = h;
                }

                Pointers[i] = h.DangerousGetHandle();
            }
        }
        catch
        {
            // A disposed tensor later in the list: release the handles pinned so far, or they could never be freed.
            Dispose();
            throw;
        }
    }

    public IntPtr[] Pointers { get; }

    public void Dispose()
    {
        foreach (var h in handles)
        {
            h?.DangerousRelease();
        }
    }
}

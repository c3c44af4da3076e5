namespace LotteryTickets.Torch.Interop;

/// <summary>Wraps raw tensor pointers returned by the native side (null allowed) into owned tensors.</summary>
internal static class OwnedPointer
{
    public static Tensor? ToTensor(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        var h = new TensorHandle();
        h.SetOwned(pointer);
        return new Tensor(h);
    }
}

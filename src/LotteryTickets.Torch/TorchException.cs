namespace LotteryTickets.Torch;

/// <summary>
/// An error raised by libtorch (or by the native shim's argument checks), carrying the
/// name of the operation that failed and libtorch's own message.
/// </summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates an exception for a failed operation.</summary>
    /// <param name="operation">The managed name of the operation, e.g. <c>MatMul</c>.</param>
    /// <param name="nativeMessage">The message libtorch gave.</param>
    public TorchException(string operation, string nativeMessage)
        : base($"{operation} failed: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>The managed name of the operation that failed.</summary>
    public string Operation { get; }

    /// <summary>The message produced by libtorch.</summary>
    public string NativeMessage { get; }
}

namespace LotteryTickets.Cli.Running;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread, in order, under a lock
/// (unlike <see cref="Progress{T}"/>, which posts to a synchronization context and may reorder or delay).
/// </summary>
internal sealed class CallbackProgress<T> : IProgress<T>
{
    private readonly Action<T> handler;
    private readonly Lock gate = new();

    public CallbackProgress(Action<T> handler)
    {
        this.handler = handler;
    }

    public void Report(T value)
    {
        lock (gate)
        {
            handler(value);
        }
    }
}

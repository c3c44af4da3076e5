using Microsoft.Extensions.Logging;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// The logger <c>lottery run</c> gives an experiment: warnings and errors (a run waiting for another process's lock, a
/// run cancelled, a lock lost) become <c>note: …</c> lines on the error writer; less is left to the progress display.
/// </summary>
/// <param name="writer">The error writer.</param>
internal sealed class NoteLogger(TextWriter writer) : ILogger
{
    private readonly object gate = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (gate)
        {
            writer.WriteLine("note: " + formatter(state, exception));
        }
    }
}

using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Pruning;

/// <summary>
/// What <see cref="GradualPruning.Train"/> produced: the training result, the final mask, the sparsity history, the
/// ticket (final mask and start weights) and, after a reset at the end, the evaluation of the ticket.
/// </summary>
/// <remarks>The result owns <see cref="Mask"/> and <see cref="Ticket"/> and releases them in <see cref="Dispose"/>.</remarks>
public sealed class GradualPruningResult : IDisposable
{
    internal GradualPruningResult(
        TrainingResult training, Mask mask, IReadOnlyList<SparsityHistoryEntry> history, GradualPruningTicket? ticket, EvaluationRecord? ticketEvaluation)
    {
        Training = training;
        Mask = mask;
        History = history;
        Ticket = ticket;
        TicketEvaluation = ticketEvaluation;
    }

    /// <summary>The evaluations of the run (of the trained, pruned network; with a reset at the end, the last one is before the reset).</summary>
    public TrainingResult Training { get; }

    /// <summary>The final mask (owned by the result).</summary>
    public Mask Mask { get; }

    /// <summary>The pruning steps, in order: iteration and sparsity of the new mask.</summary>
    public IReadOnlyList<SparsityHistoryEntry> History { get; }

    /// <summary>The final mask with the weights saved at the rewind point (owned by the result), or <see langword="null"/> when the run never reached that point.</summary>
    public GradualPruningTicket? Ticket { get; }

    /// <summary>
    /// With a reset at the end (fasterai's <c>reset_end</c>): the evaluation of the ticket (snapshot weights under the final
    /// mask, untrained); otherwise <see langword="null"/>.
    /// </summary>
    public EvaluationRecord? TicketEvaluation { get; }

    /// <summary>Releases the mask and the ticket.</summary>
    public void Dispose()
    {
        Mask.Dispose();
        Ticket?.Dispose();
    }
}

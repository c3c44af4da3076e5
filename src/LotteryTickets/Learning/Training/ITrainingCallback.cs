namespace LotteryTickets.Training;

/// <summary>
/// Behaviour plugged into a <see cref="Trainer"/>'s loop: masking, gradual pruning, logging,
/// checkpoints. Every hook has an empty default, so a callback implements only the hooks it needs.
/// Hooks run in the order the callbacks were given. A hook may call
/// <see cref="TrainingState.RequestStop"/>; the trainer stops between steps.
/// </summary>
/// <remarks>
/// The order of one step: <see cref="OnBeforeStep"/> (batch drawn, before the forward pass) → forward,
/// loss, backward → <see cref="OnAfterBackward"/> (gradients available) → optimizer step →
/// <see cref="OnAfterOptimizerStep"/> → learning-rate schedule step, iteration count + 1 →
/// evaluation when due (<see cref="OnEvaluation"/>) → <see cref="OnIterationEnd"/>. Each step runs in its own
/// TorchSharp dispose scope (<c>torch.NewDisposeScope()</c>): tensors a hook creates are released at the end of the step
/// unless it moves them out with <c>DetachFromDisposeScope()</c>.
/// </remarks>
public interface ITrainingCallback
{
    /// <summary>Called when <see cref="Trainer.Run"/> begins, before the evaluation at the start (if any) and the first step.</summary>
    void OnTrainingStart(TrainingState state)
    {
    }

    /// <summary>Called when a batch has been drawn (<see cref="TrainingState.Batch"/>), before the forward pass.</summary>
    void OnBeforeStep(TrainingState state)
    {
    }

    /// <summary>Called after the backward pass, before the optimizer step: gradients can be read or changed (masked) here.</summary>
    void OnAfterBackward(TrainingState state)
    {
    }

    /// <summary>Called right after the optimizer step, before the schedule advances: weights can be changed (masks re-applied) here.</summary>
    void OnAfterOptimizerStep(TrainingState state)
    {
    }

    /// <summary>Called after each evaluation has been recorded.</summary>
    void OnEvaluation(TrainingState state, EvaluationRecord evaluation)
    {
    }

    /// <summary>Called at the end of every step, after the iteration count has advanced and any evaluation is done.</summary>
    void OnIterationEnd(TrainingState state)
    {
    }

    /// <summary>Called when <see cref="Trainer.Run"/> ends, whether the run completed or was stopped (<see cref="TrainingState.StopRequested"/>).</summary>
    void OnTrainingEnd(TrainingState state)
    {
    }
}

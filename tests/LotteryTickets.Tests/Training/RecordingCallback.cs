using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

/// <summary>Records which hooks ran, at which iteration, and lets a test act at chosen points.</summary>
internal sealed class RecordingCallback : ITrainingCallback
{
    public List<string> Calls { get; } = [];

    public List<double> StepLosses { get; } = [];

    public List<long> LiveTensorsBeforeStep { get; } = [];

    public List<double> LearningRates { get; } = [];

    public Action<TrainingState>? AtIterationEnd { get; init; }

    public void OnTrainingStart(TrainingState state) => Calls.Add($"start@{state.Iteration}");

    public void OnBeforeStep(TrainingState state)
    {
        Calls.Add($"before@{state.Iteration}");
        LiveTensorsBeforeStep.Add(TinyTask.LiveTensors);
        LearningRates.Add(state.Optimizer.ParamGroups.First().LearningRate);
        Assert.That(state.Batch, Is.Not.Null);
    }

    public void OnAfterBackward(TrainingState state)
    {
        Calls.Add($"backward@{state.Iteration}");
        Assert.That(state.Model.parameters().All(HasGradient), Is.True, "gradients are available after the backward pass");
    }

    public void OnAfterOptimizerStep(TrainingState state) => Calls.Add($"optimizer@{state.Iteration}");

    public void OnEvaluation(TrainingState state, EvaluationRecord evaluation) => Calls.Add($"evaluation@{evaluation.Iteration}");

    public void OnIterationEnd(TrainingState state)
    {
        Calls.Add($"end@{state.Iteration}");
        StepLosses.Add(state.LastLoss!.Value);
        AtIterationEnd?.Invoke(state);
    }

    public void OnTrainingEnd(TrainingState state) => Calls.Add($"finish@{state.Iteration}");

    private static bool HasGradient(TorchSharp.Modules.Parameter parameter)
    {
        using var grad = parameter.grad;
        return grad is not null;
    }
}

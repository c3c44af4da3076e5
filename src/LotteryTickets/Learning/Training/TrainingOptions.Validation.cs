using System.Globalization;

namespace LotteryTickets.Training;

// The checks of every option, reported all at once.
public sealed partial class TrainingOptions
{
    /// <summary>Every problem with these options, as sentences; empty when they are valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (Duration.Count < 0)
        {
            errors.Add($"'Duration' is {Duration}; it must be at least 0 iterations or epochs.");
        }

        if (!Enum.IsDefined(Duration.Unit))
        {
            errors.Add($"'Duration' has the unit {(int)Duration.Unit}; use DurationUnit.Iterations or DurationUnit.Epochs.");
        }

        AtLeastOne(errors, BatchSize, nameof(BatchSize));
        AtLeastOne(errors, EvaluationBatchSize, nameof(EvaluationBatchSize));
        if (Augmentation is { Padding: < 0 } a)
        {
            errors.Add(Format($"'Augmentation.Padding' is {a.Padding}; it must be 0 or more."));
        }

        if (!Enum.IsDefined(Optimizer))
        {
            errors.Add(Format($"'Optimizer' is {(int)Optimizer}; choose Sgd, Adam, AdamW, RmsProp or Adagrad."));
        }

        if (!Enum.IsDefined(Loss))
        {
            errors.Add(Format($"'Loss' is {(int)Loss}; choose CrossEntropy or MeanSquaredError."));
        }

        Positive(errors, LearningRate, nameof(LearningRate));
        NonNegative(errors, Momentum, nameof(Momentum));
        NonNegative(errors, WeightDecay, nameof(WeightDecay));
        if (Nesterov && Optimizer == OptimizerKind.Sgd && !(Momentum > 0))
        {
            errors.Add(Format($"'Nesterov' needs a 'Momentum' greater than 0, but it is {Momentum:R}; set a momentum or turn 'Nesterov' off."));
        }

        if (Optimizer is not (OptimizerKind.Sgd or OptimizerKind.RmsProp) && (Momentum != 0 || Nesterov))
        {
            errors.Add($"'Momentum' applies to SGD and RMSprop and 'Nesterov' to SGD only, but the optimizer is {Optimizer}; leave them at 0 and false or choose Sgd or RmsProp.");
        }
        else if (Optimizer == OptimizerKind.RmsProp && Nesterov)
        {
            errors.Add("'Nesterov' applies to SGD only, but the optimizer is RmsProp; turn it off (RMSprop takes a plain 'Momentum').");
        }

        if (Optimizer != OptimizerKind.RmsProp && (Alpha != DefaultAlpha || Centered))
        {
            errors.Add($"'Alpha' and 'Centered' apply to RMSprop only, but the optimizer is {Optimizer}; leave them at 0.99 and false or choose RmsProp.");
        }

        if (Optimizer != OptimizerKind.Adagrad && (LearningRateDecay != 0 || InitialAccumulatorValue != 0))
        {
            errors.Add($"'LearningRateDecay' and 'InitialAccumulatorValue' apply to Adagrad only, but the optimizer is {Optimizer}; leave them at 0 or choose Adagrad.");
        }

        UnitInterval(errors, Alpha, nameof(Alpha));
        NonNegative(errors, LearningRateDecay, nameof(LearningRateDecay));
        NonNegative(errors, InitialAccumulatorValue, nameof(InitialAccumulatorValue));
        UnitInterval(errors, Beta1, nameof(Beta1));
        UnitInterval(errors, Beta2, nameof(Beta2));
        NonNegative(errors, Epsilon, nameof(Epsilon));
        CheckSchedule(errors);
        if (EvaluationInterval is { } interval && interval.Count <= 0)
        {
            errors.Add($"'EvaluationInterval' is {interval}; it must be greater than 0, or null to evaluate only at the start and the end.");
        }

        return errors;
    }

    /// <summary>Checks every option at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"The '{nameof(TrainingOptions)}' are invalid. Correct the following and try again:{Environment.NewLine}- " +
                string.Join(Environment.NewLine + "- ", errors),
                "options");
        }
    }

    private void CheckSchedule(List<string> errors)
    {
        switch (Schedule)
        {
            case LearningRateScheduleKind.Constant:
            case LearningRateScheduleKind.Cosine:
                break;
            case LearningRateScheduleKind.Step:
                if (StepSize is not { Count: > 0 })
                {
                    errors.Add($"'StepSize' is {(StepSize?.ToString() ?? "null")}; a step schedule needs a step size greater than 0, such as '30ep' or '1000it'.");
                }

                break;
            case LearningRateScheduleKind.MultiStep:
                if (Milestones is null || Milestones.Count == 0)
                {
                    errors.Add("'Milestones' is empty; a multi-step schedule needs at least one milestone, such as '80ep'.");
                }
                else if (Milestones.Any(m => m.Count < 0))
                {
                    errors.Add("'Milestones' holds a negative point; every milestone must be at least 0.");
                }

                break;
            default:
                errors.Add(Format($"'Schedule' is {(int)Schedule}; choose Constant, Step, MultiStep or Cosine."));
                break;
        }

        NonNegative(errors, Gamma, nameof(Gamma));
        NonNegative(errors, MinimumLearningRate, nameof(MinimumLearningRate));
        if (Warmup is { } warmup && warmup.Count <= 0)
        {
            errors.Add($"'Warmup' is {warmup}; it must be greater than 0, or null for no warm-up.");
        }

        if (!(WarmupStartFactor > 0 && WarmupStartFactor <= 1))
        {
            errors.Add(Format($"'WarmupStartFactor' is {WarmupStartFactor:R}; it must be greater than 0 and at most 1."));
        }
    }

    private static void AtLeastOne(List<string> errors, int value, string name)
    {
        if (value < 1)
        {
            errors.Add(Format($"'{name}' is {value}; it must be at least 1."));
        }
    }

    private static void Positive(List<string> errors, double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            errors.Add(Format($"'{name}' is {value:R}; it must be a finite number greater than 0."));
        }
    }

    private static void NonNegative(List<string> errors, double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add(Format($"'{name}' is {value:R}; it must be a finite number of at least 0."));
        }
    }

    private static void UnitInterval(List<string> errors, double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            errors.Add(Format($"'{name}' is {value:R}; it must be at least 0 and less than 1."));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace LotteryTickets.Training;

/// <summary>The checks of every <see cref="TrainingOptions"/> option, reported all at once.</summary>
internal static class TrainingOptionsValidation
{
    /// <summary>Every problem with <paramref name="o"/>, as sentences; empty when the options are valid.</summary>
    public static List<string> GetErrors(TrainingOptions o)
    {
        var errors = new List<string>();
        if (o.Duration.Count < 0)
        {
            errors.Add($"'Duration' is {o.Duration}; it must be at least 0 iterations or epochs.");
        }

        if (!Enum.IsDefined(o.Duration.Unit))
        {
            errors.Add($"'Duration' has the unit {(int)o.Duration.Unit}; use DurationUnit.Iterations or DurationUnit.Epochs.");
        }

        AtLeastOne(errors, o.BatchSize, nameof(o.BatchSize));
        AtLeastOne(errors, o.EvaluationBatchSize, nameof(o.EvaluationBatchSize));
        if (o.Augmentation is { Padding: < 0 } a)
        {
            errors.Add(Format($"'Augmentation.Padding' is {a.Padding}; it must be 0 or more."));
        }

        if (!Enum.IsDefined(o.Optimizer))
        {
            errors.Add(Format($"'Optimizer' is {(int)o.Optimizer}; choose Sgd, Adam, AdamW, RmsProp or Adagrad."));
        }

        if (!Enum.IsDefined(o.Loss))
        {
            errors.Add(Format($"'Loss' is {(int)o.Loss}; choose CrossEntropy or MeanSquaredError."));
        }

        Positive(errors, o.LearningRate, nameof(o.LearningRate));
        NonNegative(errors, o.Momentum, nameof(o.Momentum));
        NonNegative(errors, o.WeightDecay, nameof(o.WeightDecay));
        CheckOptimizerOptions(o, errors);
        UnitInterval(errors, o.Alpha, nameof(o.Alpha));
        NonNegative(errors, o.LearningRateDecay, nameof(o.LearningRateDecay));
        NonNegative(errors, o.InitialAccumulatorValue, nameof(o.InitialAccumulatorValue));
        UnitInterval(errors, o.Beta1, nameof(o.Beta1));
        UnitInterval(errors, o.Beta2, nameof(o.Beta2));
        NonNegative(errors, o.Epsilon, nameof(o.Epsilon));
        CheckSchedule(o, errors);
        if (o.EvaluationInterval is { } interval && interval.Count <= 0)
        {
            errors.Add($"'EvaluationInterval' is {interval}; it must be greater than 0, or null to evaluate only at the start and the end.");
        }

        return errors;
    }

    /// <summary>The options that apply to some optimizers only are left alone for the others.</summary>
    private static void CheckOptimizerOptions(TrainingOptions o, List<string> errors)
    {
        if (o.Nesterov && o.Optimizer == OptimizerKind.Sgd && !(o.Momentum > 0))
        {
            errors.Add(Format($"'Nesterov' needs a 'Momentum' greater than 0, but it is {o.Momentum:R}; set a momentum or turn 'Nesterov' off."));
        }

        if (o.Optimizer is not (OptimizerKind.Sgd or OptimizerKind.RmsProp) && (o.Momentum != 0 || o.Nesterov))
        {
            errors.Add($"'Momentum' applies to SGD and RMSprop and 'Nesterov' to SGD only, but the optimizer is {o.Optimizer}; leave them at 0 and false or choose Sgd or RmsProp.");
        }
        else if (o.Optimizer == OptimizerKind.RmsProp && o.Nesterov)
        {
            errors.Add("'Nesterov' applies to SGD only, but the optimizer is RmsProp; turn it off (RMSprop takes a plain 'Momentum').");
        }

        if (o.Optimizer != OptimizerKind.RmsProp && (o.Alpha != TrainingOptions.DefaultAlpha || o.Centered))
        {
            errors.Add($"'Alpha' and 'Centered' apply to RMSprop only, but the optimizer is {o.Optimizer}; leave them at 0.99 and false or choose RmsProp.");
        }

        if (o.Optimizer != OptimizerKind.Adagrad && (o.LearningRateDecay != 0 || o.InitialAccumulatorValue != 0))
        {
            errors.Add($"'LearningRateDecay' and 'InitialAccumulatorValue' apply to Adagrad only, but the optimizer is {o.Optimizer}; leave them at 0 or choose Adagrad.");
        }
    }

    private static void CheckSchedule(TrainingOptions o, List<string> errors)
    {
        switch (o.Schedule)
        {
            case LearningRateScheduleKind.Constant:
            case LearningRateScheduleKind.Cosine:
                break;
            case LearningRateScheduleKind.Step:
                if (o.StepSize is not { Count: > 0 })
                {
                    errors.Add($"'StepSize' is {(o.StepSize?.ToString() ?? "null")}; a step schedule needs a step size greater than 0, such as '30ep' or '1000it'.");
                }

                break;
            case LearningRateScheduleKind.MultiStep:
                if (o.Milestones is null || o.Milestones.Count == 0)
                {
                    errors.Add("'Milestones' is empty; a multi-step schedule needs at least one milestone, such as '80ep'.");
                }
                else if (o.Milestones.Any(m => m.Count < 0))
                {
                    errors.Add("'Milestones' holds a negative point; every milestone must be at least 0.");
                }

                break;
            default:
                errors.Add(Format($"'Schedule' is {(int)o.Schedule}; choose Constant, Step, MultiStep or Cosine."));
                break;
        }

        NonNegative(errors, o.Gamma, nameof(o.Gamma));
        NonNegative(errors, o.MinimumLearningRate, nameof(o.MinimumLearningRate));
        if (o.Warmup is { } warmup && warmup.Count <= 0)
        {
            errors.Add($"'Warmup' is {warmup}; it must be greater than 0, or null for no warm-up.");
        }

        if (!(o.WarmupStartFactor > 0 && o.WarmupStartFactor <= 1))
        {
            errors.Add(Format($"'WarmupStartFactor' is {o.WarmupStartFactor:R}; it must be greater than 0 and at most 1."));
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

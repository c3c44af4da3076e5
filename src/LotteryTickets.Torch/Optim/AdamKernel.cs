using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Optim;

/// <summary>What <see cref="Adam"/> and <see cref="AdamW"/> share: state names, hyper-parameters and the native step.</summary>
internal static class AdamKernel
{
    public static readonly string[] States = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    public static AdamOptions Prepare(AdamOptions? options, Func<AdamOptions> defaults)
    {
        var copy = (options ?? defaults()).Copy();
        copy.Validate();
        return copy;
    }

    public static unsafe GroupKernel For(AdamOptions o, ParameterGroup group, bool decoupled)
    {
        var lr = group.LearningRate;
        var wd = group.WeightDecay;
        return (p, expAvg, expAvgSq, maxExpAvgSq, steps, n) => NativeMethods.lt_adam_step(
            p, expAvg, expAvgSq, maxExpAvgSq, steps, n, lr, o.Beta1, o.Beta2, o.Epsilon, wd,
            o.AmsGrad ? 1 : 0, decoupled ? 1 : 0, o.Maximize ? 1 : 0);
    }

    public static IEnumerable<(string Name, double Value)> OptionValues(AdamOptions o) =>
    [
        ("beta1", o.Beta1),
        ("beta2", o.Beta2),
        ("eps", o.Epsilon),
        ("amsgrad", o.AmsGrad ? 1 : 0),
        ("maximize", o.Maximize ? 1 : 0),
    ];

    public static void CheckParameterState(AdamOptions o, int index, Func<string, bool> has, List<string> problems)
    {
        string[] required = o.AmsGrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"] : ["exp_avg", "exp_avg_sq", "step"];
        var present = required.Where(has).ToArray();
        if (present.Length > 0 && present.Length < required.Length)
        {
            var missing = required.Except(present).Select(n => OptimizerState.StateKey(index, n));
            problems.Add($"Parameter {index} has some state but lacks {string.Join(", ", missing.Select(k => $"'{k}'"))}.");
        }

        if (!o.AmsGrad && has("max_exp_avg_sq"))
        {
            problems.Add(
                $"'{OptimizerState.StateKey(index, "max_exp_avg_sq")}' is AMSGrad state but this optimizer has 'AmsGrad' off.");
        }
    }
}

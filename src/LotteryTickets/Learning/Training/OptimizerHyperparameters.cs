using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The optimizer types whose state <see cref="OptimizerStateTensors"/> converts, and what each keeps per parameter group:
/// its hyper-parameters (as the metadata names them) and its weight decay.
/// </summary>
internal static class OptimizerHyperparameters
{
    /// <summary>The type name of <paramref name="optimizer"/> (<c>SGD</c>, <c>Adam</c>, <c>AdamW</c>, <c>RMSProp</c> or <c>Adagrad</c>).</summary>
    /// <exception cref="ArgumentException">The optimizer is of another type.</exception>
    public static string KindOf(optim.Optimizer optimizer) => optimizer switch
    {
        SGD => "SGD",
        AdamW => "AdamW",
        Adam => "Adam",
        RMSProp => nameof(RMSProp),
        Adagrad => nameof(Adagrad),
        _ => throw new ArgumentException(
            $"The optimizer is a {optimizer.GetType().Name}; only TorchSharp's SGD, Adam, AdamW, RMSProp and Adagrad have their state converted to tensors.",
            nameof(optimizer)),
    };

    /// <summary>A parameter group's hyper-parameters by their metadata names, booleans as 0 or 1.</summary>
    /// <exception cref="ArgumentException">The options are not those of a <paramref name="kind"/> (thrown as they are enumerated).</exception>
    public static IEnumerable<(string Name, double Value)> Of(string kind, OptimizerOptions options)
    {
        yield return ("lr", options.LearningRate ?? double.NaN);
        yield return ("initial_lr", options.InitialLearningRate);
        foreach (var h in OwnHyperparameters(kind, options))
        {
            yield return h;
        }
    }

    /// <summary>Sets a parameter group's weight decay.</summary>
    public static void SetWeightDecay(OptimizerOptions options, double weightDecay)
    {
        switch (options)
        {
            case SGD.Options o: o.weight_decay = weightDecay; break;
            case Adam.Options o: o.weight_decay = weightDecay; break;
            case AdamW.Options o: o.weight_decay = weightDecay; break;
            case RMSProp.Options o: o.weight_decay = weightDecay; break;
            case Adagrad.Options o: o.weight_decay = weightDecay; break;
        }
    }

    /// <summary>The hyper-parameters of each optimizer type after <c>lr</c> and <c>initial_lr</c>, in the order the metadata holds them.</summary>
    private static (string Name, double Value)[] OwnHyperparameters(string kind, OptimizerOptions options) => options switch
    {
        SGD.Options o =>
            [("weight_decay", o.weight_decay ?? 0), ("momentum", o.momentum ?? 0), ("dampening", o.dampening ?? 0), ("nesterov", Flag(o.nesterov)), ("maximize", Flag(o.maximize))],
        Adam.Options o => AdamHyperparameters(o.weight_decay, o.beta1, o.beta2, o.eps, o.amsgrad, o.maximize),
        AdamW.Options o => AdamHyperparameters(o.weight_decay, o.beta1, o.beta2, o.eps, o.amsgrad, o.maximize),
        RMSProp.Options o =>
        [
            ("weight_decay", o.weight_decay ?? 0), ("alpha", o.alpha ?? 0), ("eps", o.eps ?? 0), ("momentum", o.momentum ?? 0),
            ("centered", Flag(o.centered)), ("maximize", Flag(o.maximize)),
        ],
        Adagrad.Options o =>
            [("weight_decay", o.weight_decay ?? 0), ("lr_decay", o.lr_decay ?? 0), ("initial_accumulator_value", o.initial_accumulator_value ?? 0), ("eps", o.eps ?? 0)],
        _ => throw new ArgumentException($"The options of a parameter group are a {options.GetType().FullName}, not those of a {kind}."),
    };

    private static (string Name, double Value)[] AdamHyperparameters(double? weightDecay, double? beta1, double? beta2, double? eps, bool? amsgrad, bool? maximize) =>
        [("weight_decay", weightDecay ?? 0), ("beta1", beta1 ?? 0), ("beta2", beta2 ?? 0), ("eps", eps ?? 0), ("amsgrad", Flag(amsgrad)), ("maximize", Flag(maximize))];

    private static double Flag(bool? value) => value == true ? 1 : 0;
}

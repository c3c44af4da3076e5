using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

// What each optimizer type keeps: its hyper-parameters, its state tensors, and how they are read and put back.
public sealed partial class OptimizerStateTensors
{
    private const string RmsPropName = "RMSProp";
    private const string AdagradName = "Adagrad";

    private static string KindOf(optim.Optimizer optimizer) => optimizer switch
    {
        SGD => "SGD",
        AdamW => "AdamW",
        Adam => "Adam",
        RMSProp => RmsPropName,
        Adagrad => AdagradName,
        _ => throw new ArgumentException(
            $"The optimizer is a {optimizer.GetType().Name}; only TorchSharp's SGD, Adam, AdamW, RMSProp and Adagrad have their state converted to tensors.",
            nameof(optimizer)),
    };

    private static IEnumerable<(string Name, double Value)> Hyperparameters(string kind, OptimizerOptions options)
    {
        yield return ("lr", options.LearningRate ?? double.NaN);
        yield return ("initial_lr", options.InitialLearningRate);
        switch (options)
        {
            case SGD.Options o:
                yield return ("weight_decay", o.weight_decay ?? 0);
                yield return ("momentum", o.momentum ?? 0);
                yield return ("dampening", o.dampening ?? 0);
                yield return ("nesterov", o.nesterov == true ? 1 : 0);
                yield return ("maximize", o.maximize == true ? 1 : 0);
                break;
            case Adam.Options o:
                foreach (var h in AdamHyperparameters(o.weight_decay, o.beta1, o.beta2, o.eps, o.amsgrad, o.maximize))
                {
                    yield return h;
                }

                break;
            case AdamW.Options o:
                foreach (var h in AdamHyperparameters(o.weight_decay, o.beta1, o.beta2, o.eps, o.amsgrad, o.maximize))
                {
                    yield return h;
                }

                break;
            case RMSProp.Options o:
                yield return ("weight_decay", o.weight_decay ?? 0);
                yield return ("alpha", o.alpha ?? 0);
                yield return ("eps", o.eps ?? 0);
                yield return ("momentum", o.momentum ?? 0);
                yield return ("centered", o.centered == true ? 1 : 0);
                yield return ("maximize", o.maximize == true ? 1 : 0);
                break;
            case Adagrad.Options o:
                yield return ("weight_decay", o.weight_decay ?? 0);
                yield return ("lr_decay", o.lr_decay ?? 0);
                yield return ("initial_accumulator_value", o.initial_accumulator_value ?? 0);
                yield return ("eps", o.eps ?? 0);
                break;
            default:
                throw new ArgumentException($"The options of a parameter group are a {options.GetType().FullName}, not those of a {kind}.");
        }
    }

    private static IEnumerable<(string Name, double Value)> AdamHyperparameters(
        double? weightDecay, double? beta1, double? beta2, double? eps, bool? amsgrad, bool? maximize)
    {
        yield return ("weight_decay", weightDecay ?? 0);
        yield return ("beta1", beta1 ?? 0);
        yield return ("beta2", beta2 ?? 0);
        yield return ("eps", eps ?? 0);
        yield return ("amsgrad", amsgrad == true ? 1 : 0);
        yield return ("maximize", maximize == true ? 1 : 0);
    }

    private static void SetWeightDecay(OptimizerOptions options, double weightDecay)
    {
        switch (options)
        {
            case SGD.Options o:
                o.weight_decay = weightDecay;
                break;
            case Adam.Options o:
                o.weight_decay = weightDecay;
                break;
            case AdamW.Options o:
                o.weight_decay = weightDecay;
                break;
            case RMSProp.Options o:
                o.weight_decay = weightDecay;
                break;
            case Adagrad.Options o:
                o.weight_decay = weightDecay;
                break;
        }
    }

    private static string[] StateNames(string kind) => kind switch
    {
        "SGD" => [MomentumBuffer],
        RmsPropName => [SquareAvg, MomentumBuffer, GradAvg, Step],
        AdagradName => [Sum, Step],
        _ => [ExpAvg, ExpAvgSq, MaxExpAvgSq, Step],
    };

    /// <summary>
    /// The states a parameter of a group with these options has all of once it has any (a parameter with none starts
    /// fresh), and those it must not have, each with the reason.
    /// </summary>
    private static (string[] Required, (string State, string Reason)[] Forbidden) ExpectedStates(OptimizerOptions options) => options switch
    {
        Adam.Options { amsgrad: true } or AdamW.Options { amsgrad: true } => ([ExpAvg, ExpAvgSq, MaxExpAvgSq, Step], []),
        Adam.Options or AdamW.Options => ([ExpAvg, ExpAvgSq, Step], [(MaxExpAvgSq, "is AMSGrad state but this optimizer has 'amsgrad' off.")]),
        RMSProp.Options o => (
            [SquareAvg, .. o.momentum > 0 ? new[] { MomentumBuffer } : [], .. o.centered == true ? new[] { GradAvg } : [], Step],
            [
                .. o.momentum > 0 ? Array.Empty<(string, string)>() : [(MomentumBuffer, "is momentum state but this optimizer has 'momentum' 0.")],
                .. o.centered == true ? Array.Empty<(string, string)>() : [(GradAvg, "is centered state but this optimizer has 'centered' off.")],
            ]),
        Adagrad.Options => ([Sum, Step], []),
        _ => ([], []),
    };

    private static void CaptureState(Dictionary<string, Tensor> result, string key, string name, OptimizerState? state, OptimizerOptions options, string kind)
    {
        switch (state)
        {
            case SGD.State s:
                if (s.momentum_buffer is { } buffer)
                {
                    result[key + MomentumBuffer] = Copy(buffer);
                }

                break;
            case Adam.State s:
                AddAdam(result, key, s.step, s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq);
                break;
            case AdamW.State s:
                AddAdam(result, key, s.step, s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq);
                break;
            case RMSProp.State s:
                // TorchSharp allocates all three buffers; only those the options use are state.
                var (required, _) = ExpectedStates(options);
                result[key + Step] = torch.tensor(s.step, ScalarType.Int64).DetachFromDisposeScope();
                result[key + SquareAvg] = Copy(s.square_avg);
                if (required.Contains(MomentumBuffer))
                {
                    result[key + MomentumBuffer] = Copy(s.momentum_buffer);
                }

                if (required.Contains(GradAvg))
                {
                    result[key + GradAvg] = Copy(s.grad_avg);
                }

                break;
            case Adagrad.State s:
                result[key + Step] = torch.tensor(s.step, ScalarType.Int64).DetachFromDisposeScope();
                result[key + Sum] = Copy(s.sum);
                break;
            default:
                throw new ArgumentException(
                    $"The state of parameter '{name}' is a {state?.GetType().Name ?? "null"}, not the state of a {kind}.",
                    "optimizer");
        }
    }

    /// <summary>Puts one parameter's state back: the tensors <paramref name="take"/> gives, fresh ones (as before the first step) for those it does not.</summary>
    private static void RestoreState(OptimizerState state, Parameter parameter, OptimizerOptions options, long step, Func<string, Tensor?> take)
    {
        using var noGrad = torch.no_grad();
        Tensor Zeros() => torch.zeros_like(parameter).DetachFromDisposeScope();
        switch (state)
        {
            case SGD.State sgd:
                Replace(ref sgd.momentum_buffer, take(MomentumBuffer));
                break;
            case Adam.State adam:
                RestoreAdam(ref adam.step, ref adam.exp_avg, ref adam.exp_avg_sq, ref adam.max_exp_avg_sq, step, take, Zeros, options is Adam.Options { amsgrad: true });
                break;
            case AdamW.State adamW:
                RestoreAdam(ref adamW.step, ref adamW.exp_avg, ref adamW.exp_avg_sq, ref adamW.max_exp_avg_sq, step, take, Zeros, options is AdamW.Options { amsgrad: true });
                break;
            case RMSProp.State rms:
                // Every buffer exists in TorchSharp's RMSProp state, used or not; unused ones stay zero.
                rms.step = step;
                Replace(ref rms.square_avg, take(SquareAvg) ?? Zeros());
                Replace(ref rms.momentum_buffer, take(MomentumBuffer) ?? Zeros());
                Replace(ref rms.grad_avg, take(GradAvg) ?? Zeros());
                break;
            case Adagrad.State adagrad:
                adagrad.step = step;
                Replace(
                    ref adagrad.sum,
                    take(Sum) ?? torch.full_like(parameter, ((Adagrad.Options)options).initial_accumulator_value ?? 0).DetachFromDisposeScope());
                break;
        }
    }

    private static void AddAdam(Dictionary<string, Tensor> result, string key, long step, Tensor expAvg, Tensor expAvgSq, Tensor? maxExpAvgSq)
    {
        result[key + Step] = torch.tensor(step, ScalarType.Int64).DetachFromDisposeScope();
        result[key + ExpAvg] = Copy(expAvg);
        result[key + ExpAvgSq] = Copy(expAvgSq);
        if (maxExpAvgSq is not null)
        {
            result[key + MaxExpAvgSq] = Copy(maxExpAvgSq);
        }
    }

    private static void RestoreAdam(
        ref long step,
        ref Tensor? expAvg,
        ref Tensor? expAvgSq,
        ref Tensor? maxExpAvgSq,
        long newStep,
        Func<string, Tensor?> take,
        Func<Tensor> zeros,
        bool amsGrad)
    {
        step = newStep;
        Replace(ref expAvg, take(ExpAvg) ?? zeros());
        Replace(ref expAvgSq, take(ExpAvgSq) ?? zeros());
        Replace(ref maxExpAvgSq, take(MaxExpAvgSq) ?? (amsGrad ? zeros() : null));
    }
}

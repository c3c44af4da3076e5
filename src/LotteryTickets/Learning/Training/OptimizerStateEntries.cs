using TorchSharp;
using TorchSharp.Modules;
using static LotteryTickets.Training.OptimizerStateTensors;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The per-parameter state tensors of each optimizer type that <see cref="OptimizerStateTensors"/> converts: their names,
/// which a parameter must or must not have, and how they are copied out of an optimizer's state and put back.
/// </summary>
internal static class OptimizerStateEntries
{
    /// <summary>Every state a parameter of a <paramref name="kind"/> may have.</summary>
    public static string[] StateNames(string kind) => kind switch
    {
        "SGD" => [MomentumBuffer],
        nameof(RMSProp) => [SquareAvg, MomentumBuffer, GradAvg, Step],
        nameof(Adagrad) => [Sum, Step],
        _ => [ExpAvg, ExpAvgSq, MaxExpAvgSq, Step],
    };

    /// <summary>
    /// The states a parameter of a group with these options has all of once it has any (a parameter with none starts
    /// fresh), and those it must not have, each with the reason.
    /// </summary>
    public static (string[] Required, (string State, string Reason)[] Forbidden) ExpectedStates(OptimizerOptions options) => options switch
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

    /// <summary>Adds copies of one parameter's state tensors to <paramref name="result"/>, each named <paramref name="key"/> and the state's name.</summary>
    /// <exception cref="ArgumentException">The state is not that of a <paramref name="kind"/>.</exception>
    public static void Capture(Dictionary<string, Tensor> result, string key, string name, OptimizerState? state, OptimizerOptions options, string kind)
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
    public static void Restore(OptimizerState state, Parameter parameter, OptimizerOptions options, long step, Func<string, Tensor?> take)
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

    private static Tensor Copy(Tensor tensor) => tensor.detach().clone().DetachFromDisposeScope();

    private static void Replace(ref Tensor? slot, Tensor? value)
    {
        if (!ReferenceEquals(slot, value))
        {
            slot?.Dispose();
        }

        slot = value;
    }
}

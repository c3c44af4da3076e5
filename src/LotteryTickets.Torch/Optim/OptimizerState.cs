using System.Globalization;

namespace LotteryTickets.Torch.Optim;

/// <summary>
/// A snapshot of an optimizer's state in PyTorch's flattened layout: per-parameter tensors
/// under <c>state.{i}.{name}</c> (for example <c>state.0.momentum_buffer</c>,
/// <c>state.3.exp_avg</c>, <c>state.3.step</c>), each group's parameter indices under
/// <c>param_groups.{g}.params</c>, and each group's scalar hyper-parameters under
/// <c>param_groups.{g}.{name}</c> (<c>lr</c>, <c>initial_lr</c>, <c>weight_decay</c>, …).
/// Parameters are numbered across groups in order, as in PyTorch.
/// </summary>
/// <remarks>
/// The tensors are not owned by the state object: those returned by
/// <see cref="Optimizer.StateDict"/> are new copies owned by the caller (and by the innermost
/// <see cref="DisposeScope"/>).
/// </remarks>
public sealed class OptimizerState
{
    /// <summary>The prefix of per-parameter state entries.</summary>
    public const string StatePrefix = "state.";

    /// <summary>The prefix of per-group entries.</summary>
    public const string GroupPrefix = "param_groups.";

    /// <summary>Creates a state from its tensors and scalar hyper-parameters.</summary>
    /// <param name="tensors">Entries named <c>state.{i}.{name}</c> and <c>param_groups.{g}.params</c>.</param>
    /// <param name="hyperparameters">Entries named <c>param_groups.{g}.{name}</c>.</param>
    public OptimizerState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, double> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        Tensors = tensors;
        Hyperparameters = hyperparameters;
    }

    /// <summary>The tensor entries.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The scalar hyper-parameters of each group.</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; }

    /// <summary>
    /// Reads a state back from one flat dictionary of tensors (as written by
    /// <see cref="ToTensors"/>, for example after a safetensors round trip): entries named
    /// <c>param_groups.{g}.{name}</c> other than <c>params</c> are one-element hyper-parameters.
    /// </summary>
    /// <exception cref="ArgumentException">A hyper-parameter entry holds more than one element.</exception>
    public static OptimizerState FromTensors(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var states = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var hyper = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, tensor) in tensors)
        {
            if (key.StartsWith(GroupPrefix, StringComparison.Ordinal) && !key.EndsWith(".params", StringComparison.Ordinal))
            {
                if (tensor.NumEl != 1)
                {
                    throw new ArgumentException(
                        $"The hyper-parameter '{key}' holds {tensor.NumEl} elements; it must hold exactly one.", nameof(tensors));
                }

                hyper[key] = tensor.ToDouble();
            }
            else
            {
                states[key] = tensor;
            }
        }

        return new OptimizerState(states, hyper);
    }

    /// <summary>
    /// One flat dictionary of every entry, ready for <see cref="Serialization.SafeTensors.Save(string, IReadOnlyDictionary{string, Tensor}, IReadOnlyDictionary{string, string}?)"/>:
    /// the tensor entries (the same objects) and each hyper-parameter as a new zero-dimensional
    /// float64 tensor owned by the caller.
    /// </summary>
    public Dictionary<string, Tensor> ToTensors()
    {
        var all = new Dictionary<string, Tensor>(Tensors, StringComparer.Ordinal);
        foreach (var (key, value) in Hyperparameters)
        {
            all[key] = Tensor.Scalar(value, ScalarType.Float64);
        }

        return all;
    }

    internal static string StateKey(int parameter, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{StatePrefix}{parameter}.{name}");

    internal static string GroupKey(int group, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{GroupPrefix}{group}.{name}");
}

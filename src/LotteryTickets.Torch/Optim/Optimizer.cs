using System.Globalization;
using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Optim;

/// <summary>
/// Updates parameters from their gradients. Parameters are organised in one or more
/// <see cref="ParameterGroup"/>s, each with its own learning rate and weight decay. Per-parameter
/// state (momentum buffers, moment estimates) is created lazily by the first <see cref="Step"/>
/// that sees the parameter with a gradient, is owned by the optimizer and released by
/// <see cref="Dispose"/>. Each step does the arithmetic natively, one call per group.
/// </summary>
/// <remarks>
/// The optimizer refers to the caller's parameter tensors; they must stay undisposed while it is used.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private const string StepName = "step";
    private readonly ParameterGroup[] groups;
    private readonly Tensor[] parameters;
    private readonly int[] offsets;
    private readonly string[] stateNames;
    private readonly Tensor?[][] state;
    private readonly long[] steps;
    private readonly bool countsSteps;
    private bool disposed;

    private protected Optimizer(
        IEnumerable<ParameterGroup> groups, double defaultLearningRate, double defaultWeightDecay, string[] stateNames, bool countsSteps)
    {
        ArgumentNullException.ThrowIfNull(groups);
        this.groups = [.. groups];
        CheckGroups(this.groups);
        foreach (var g in this.groups)
        {
            g.Adopt(this, defaultLearningRate, defaultWeightDecay);
        }

        offsets = new int[this.groups.Length + 1];
        var all = new List<Tensor>();
        for (var g = 0; g < this.groups.Length; g++)
        {
            offsets[g] = all.Count;
            all.AddRange(this.groups[g].Parameters);
        }

        offsets[^1] = all.Count;
        parameters = [.. all];
        this.stateNames = stateNames;
        this.countsSteps = countsSteps;
        state = new Tensor?[Math.Max(stateNames.Length, 1)][];
        for (var s = 0; s < state.Length; s++)
        {
            state[s] = new Tensor?[parameters.Length];
        }

        steps = new long[parameters.Length];
    }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups => groups;

    /// <summary>Every parameter, numbered across groups in order (the numbering of <see cref="StateDict"/>).</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    private protected int ParameterCount => parameters.Length;

    /// <summary>Updates every parameter that has a gradient; parameters without one are left as they are.</summary>
    /// <exception cref="ObjectDisposedException">The optimizer or one of its parameters is disposed.</exception>
    /// <exception cref="TorchException">A gradient does not match its parameter.</exception>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        for (var g = 0; g < groups.Length; g++)
        {
            StepGroup(g, groups[g]);
        }
    }

    /// <summary>Clears the gradients of every parameter.</summary>
    /// <param name="setToNone">Remove the gradients (the default, as in PyTorch 2) rather than fill them with zeros.</param>
    public unsafe void ZeroGrad(bool setToNone = true)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var p = new HandleArray(parameters);
        fixed (IntPtr* pp = p.Pointers)
        {
            NativeMethods.Check(NativeMethods.lt_zero_grad(pp, parameters.Length, setToNone ? 1 : 0), nameof(ZeroGrad));
        }
    }

    /// <summary>
    /// A copy of the optimizer's state (see <see cref="OptimizerState"/> for the layout). The
    /// tensors are new copies owned by the caller (and by the innermost <see cref="DisposeScope"/>);
    /// further steps do not change them.
    /// </summary>
    public OptimizerState StateDict()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var hyper = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Length; i++)
        {
            for (var s = 0; s < stateNames.Length; s++)
            {
                if (state[s][i] is { } t)
                {
                    tensors[OptimizerState.StateKey(i, stateNames[s])] = t.Clone();
                }
            }

            if (countsSteps && steps[i] > 0)
            {
                tensors[OptimizerState.StateKey(i, StepName)] = Tensor.Scalar(steps[i], ScalarType.Int64);
            }
        }

        for (var g = 0; g < groups.Length; g++)
        {
            var indices = new long[offsets[g + 1] - offsets[g]];
            for (var k = 0; k < indices.Length; k++)
            {
                indices[k] = offsets[g] + k;
            }

            tensors[OptimizerState.GroupKey(g, "params")] = Tensor.FromArray(indices, indices.Length);
            hyper[OptimizerState.GroupKey(g, "lr")] = groups[g].LearningRate;
            hyper[OptimizerState.GroupKey(g, "initial_lr")] = groups[g].InitialLearningRate;
            hyper[OptimizerState.GroupKey(g, "weight_decay")] = groups[g].WeightDecay;
            foreach (var (name, value) in OptionValues())
            {
                hyper[OptimizerState.GroupKey(g, name)] = value;
            }
        }

        return new OptimizerState(tensors, hyper);
    }

    /// <summary>
    /// Replaces the optimizer's state and the groups' learning rates and weight decays with
    /// <paramref name="state"/>'s, so that training continues exactly where the state was taken.
    /// The tensors are copied (converted to each parameter's type and device); the caller keeps
    /// ownership of <paramref name="state"/>. Nothing changes when the state does not fit.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The state does not fit this optimizer: the message lists every unexpected, missing or
    /// mis-shaped entry and every hyper-parameter that differs from this optimizer's options.
    /// </exception>
    public void LoadStateDict(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(disposed, this);
        var problems = new List<string>();
        var loadedSteps = new Dictionary<int, long>();
        var loadedTensors = new List<(int Slot, int Parameter, Tensor Tensor)>();
        var present = new HashSet<(int, string)>();
        var groupParams = new HashSet<int>();

        foreach (var (key, tensor) in state.Tensors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (TryParse(key, OptimizerState.StatePrefix, out var i, out var name))
            {
                if (i >= parameters.Length)
                {
                    problems.Add($"'{key}' refers to parameter {i}, but this optimizer has {parameters.Length} parameters.");
                    continue;
                }

                present.Add((i, name));
                if (countsSteps && name == StepName)
                {
                    if (ReadStep(key, tensor, problems) is { } step)
                    {
                        loadedSteps[i] = step;
                    }

                    continue;
                }

                var slot = Array.IndexOf(stateNames, name);
                if (slot < 0)
                {
                    problems.Add($"'{key}' is not a state of {GetType().Name}, whose states are {Names()}.");
                    continue;
                }

                var shape = tensor.Shape;
                var expected = parameters[i].Shape;
                if (!shape.AsSpan().SequenceEqual(expected))
                {
                    problems.Add($"'{key}' has shape {Show(shape)} but parameter {i} has shape {Show(expected)}.");
                    continue;
                }

                loadedTensors.Add((slot, i, tensor));
            }
            else if (TryParse(key, OptimizerState.GroupPrefix, out var g, out var gname) && gname == "params")
            {
                if (g >= groups.Length)
                {
                    problems.Add($"'{key}' describes group {g}, but this optimizer has {groups.Length} parameter groups.");
                    continue;
                }

                groupParams.Add(g);
                CheckGroupParameters(key, tensor, g, problems);
            }
            else
            {
                problems.Add($"'{key}' is not an optimizer state entry; entries are named 'state.{{i}}.{{name}}' or 'param_groups.{{g}}.params'.");
            }
        }

        for (var g = 0; g < groups.Length; g++)
        {
            if (!groupParams.Contains(g))
            {
                problems.Add($"'{OptimizerState.GroupKey(g, "params")}' is missing.");
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            CheckParameterState(i, name => present.Contains((i, name)), problems);
        }

        var hyper = CheckHyperparameters(state.Hyperparameters, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The optimizer state does not fit this {GetType().Name}; nothing was loaded. Fix the following:{Environment.NewLine}- " +
                string.Join(Environment.NewLine + "- ", problems),
                nameof(state));
        }

        var copies = new List<(int Slot, int Parameter, Tensor Copy)>();
        try
        {
            foreach (var (slot, i, tensor) in loadedTensors)
            {
                using var detached = tensor.Detach();
                var p = parameters[i];
                copies.Add((slot, i, detached.To(p.DType, p.Device, copy: true).DetachFromScope()));
            }
        }
        catch
        {
            foreach (var c in copies)
            {
                c.Copy.Dispose();
            }

            throw;
        }

        ClearState();
        foreach (var (slot, i, copy) in copies)
        {
            this.state[slot][i] = copy;
        }

        foreach (var (i, step) in loadedSteps)
        {
            steps[i] = step;
        }

        for (var g = 0; g < groups.Length; g++)
        {
            groups[g].LearningRate = hyper[g].Lr;
            groups[g].InitialLearningRate = hyper[g].InitialLr;
            groups[g].WeightDecay = hyper[g].WeightDecay;
        }
    }

    /// <summary>Releases the optimizer's state tensors. The parameters are not touched.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        ClearState();
        GC.SuppressFinalize(this);
    }

    /// <summary>Updates the parameters of one group.</summary>
    private protected abstract void StepGroup(int groupIndex, ParameterGroup group);

    /// <summary>The optimizer-wide hyper-parameters recorded in each group of a state dict (booleans as 0 or 1).</summary>
    private protected abstract IEnumerable<(string Name, double Value)> OptionValues();

    /// <summary>Checks which states parameter <paramref name="index"/> has in a state being loaded.</summary>
    private protected virtual void CheckParameterState(int index, Func<string, bool> has, List<string> problems)
    {
    }

    /// <summary>
    /// Runs a native kernel on one group: the parameters, up to three state arrays (in/out: the
    /// kernel fills null entries with new tensors, which the optimizer then owns) and the step counts.
    /// </summary>
    private protected unsafe void RunKernel(int groupIndex, GroupKernel kernel, string operation)
    {
        var offset = offsets[groupIndex];
        var count = offsets[groupIndex + 1] - offset;
        using var p = new HandleArray(new ArraySegment<Tensor>(parameters, offset, count));
        using var s0 = new HandleArray(Slice(0, offset, count));
        using var s1 = new HandleArray(Slice(1, offset, count));
        using var s2 = new HandleArray(Slice(2, offset, count));
        int status;
        fixed (IntPtr* pp = p.Pointers)
        fixed (IntPtr* a = s0.Pointers)
        fixed (IntPtr* b = s1.Pointers)
        fixed (IntPtr* c = s2.Pointers)
        fixed (long* st = steps)
        {
            status = kernel(pp, a, b, c, st + offset, count);
        }

        AdoptNew(0, offset, s0.Pointers);
        AdoptNew(1, offset, s1.Pointers);
        AdoptNew(2, offset, s2.Pointers);
        NativeMethods.Check(status, operation);
    }

    private static void CheckGroups(ParameterGroup[] groups)
    {
        var problems = new List<string>();
        if (groups.Length == 0)
        {
            problems.Add("No parameter group was given; give at least one group with at least one parameter.");
        }

        var seen = new List<(Tensor Tensor, int Group, int Index)>();
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g] is not { } group)
            {
                problems.Add($"Group {g} is null.");
                continue;
            }

            if (group.Owner is not null)
            {
                problems.Add($"Group {g} already belongs to another optimizer; create a new ParameterGroup for each optimizer.");
            }

            if (group.Parameters.Count == 0)
            {
                problems.Add($"Group {g} has no parameters; remove it or add parameters.");
            }

            for (var k = 0; k < group.Parameters.Count; k++)
            {
                var t = group.Parameters[k];
                if (t.IsDisposed)
                {
                    problems.Add($"Parameter {k} of group {g} is disposed.");
                    continue;
                }

                if (!t.DType.IsFloatingPoint())
                {
                    problems.Add($"Parameter {k} of group {g} holds {t.DType} elements; only floating-point tensors can be optimized.");
                }

                if (!t.IsLeaf)
                {
                    problems.Add($"Parameter {k} of group {g} is not a leaf of the autograd graph; optimize the leaf tensor (use Detach() and RequiresGrad_() to make one).");
                }

                foreach (var (other, og, ok) in seen)
                {
                    if (t.IsSameTensor(other))
                    {
                        problems.Add($"Parameter {k} of group {g} is the same tensor as parameter {ok} of group {og}; give each parameter once.");
                        break;
                    }
                }

                seen.Add((t, g, k));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The parameter groups are invalid. Correct the following and try again:" + Environment.NewLine + "- " +
                string.Join(Environment.NewLine + "- ", problems),
                nameof(groups));
        }
    }

    private static bool TryParse(string key, string prefix, out int index, out string name)
    {
        index = -1;
        name = string.Empty;
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1 ||
            !int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        name = rest[(dot + 1)..].ToString();
        return true;
    }

    private static long? ReadStep(string key, Tensor tensor, List<string> problems)
    {
        if (tensor.NumEl != 1)
        {
            problems.Add($"'{key}' holds {tensor.NumEl} elements; a step count holds exactly one.");
            return null;
        }

        var value = tensor.ToDouble();
        if (!(value >= 0) || value != Math.Floor(value) || value > long.MaxValue)
        {
            problems.Add($"'{key}' is {OptionsValidator.Format(value)}; a step count is a whole number of at least 0.");
            return null;
        }

        return tensor.DType.IsFloatingPoint() ? (long)value : tensor.ToInt64();
    }

    private static string Show(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private void CheckGroupParameters(string key, Tensor tensor, int g, List<string> problems)
    {
        var count = offsets[g + 1] - offsets[g];
        long[] values;
        if (tensor.DType != ScalarType.Int64 || tensor.Dim != 1)
        {
            problems.Add($"'{key}' must be a one-dimensional Int64 tensor of parameter indices.");
            return;
        }

        values = tensor.ToArray<long>();
        var expected = Enumerable.Range(offsets[g], count).Select(v => (long)v);
        if (!values.SequenceEqual(expected))
        {
            problems.Add(
                $"'{key}' lists parameters {Show(values)} but group {g} of this optimizer holds parameters " +
                $"{Show([.. expected])}; create the optimizer with the same groups as the one that was saved.");
        }
    }

    private (double Lr, double InitialLr, double WeightDecay)[] CheckHyperparameters(
        IReadOnlyDictionary<string, double> values, List<string> problems)
    {
        var result = new (double, double, double)[groups.Length];
        var known = new HashSet<string>(StringComparer.Ordinal);
        var options = OptionValues().ToArray();
        for (var g = 0; g < groups.Length; g++)
        {
            double Read(string name)
            {
                var key = OptimizerState.GroupKey(g, name);
                known.Add(key);
                if (!values.TryGetValue(key, out var v))
                {
                    problems.Add($"'{key}' is missing.");
                    return 0;
                }

                if (!double.IsFinite(v) || v < 0)
                {
                    problems.Add($"'{key}' is {OptionsValidator.Format(v)}; it must be a finite number of at least 0.");
                    return 0;
                }

                return v;
            }

            result[g] = (Read("lr"), Read("initial_lr"), Read("weight_decay"));
            foreach (var (name, mine) in options)
            {
                var key = OptimizerState.GroupKey(g, name);
                known.Add(key);
                if (!values.TryGetValue(key, out var v))
                {
                    problems.Add($"'{key}' is missing.");
                }
                else if (!v.Equals(mine))
                {
                    problems.Add(
                        $"'{key}' is {OptionsValidator.Format(v)} in the state but {OptionsValidator.Format(mine)} in this optimizer; " +
                        "create the optimizer with the options of the one that was saved.");
                }
            }
        }

        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key))
            {
                problems.Add($"'{key}' is not a hyper-parameter of this {GetType().Name} with {groups.Length} parameter groups.");
            }
        }

        return result;
    }

    private string Names() =>
        string.Join(", ", (countsSteps ? stateNames.Append(StepName) : stateNames).Select(n => $"'{n}'"));

    private IReadOnlyList<Tensor?> Slice(int slot, int offset, int count) =>
        slot < stateNames.Length ? new ArraySegment<Tensor?>(state[slot], offset, count) : [];

    private void AdoptNew(int slot, int offset, IntPtr[] pointers)
    {
        for (var k = 0; k < pointers.Length; k++)
        {
            if (pointers[k] != IntPtr.Zero && state[slot][offset + k] is null)
            {
                state[slot][offset + k] = OwnedPointer.ToTensor(pointers[k])!.DetachFromScope();
            }
        }
    }

    private void ClearState()
    {
        foreach (var slot in state)
        {
            for (var i = 0; i < slot.Length; i++)
            {
                slot[i]?.Dispose();
                slot[i] = null;
            }
        }

        Array.Clear(steps);
    }
}

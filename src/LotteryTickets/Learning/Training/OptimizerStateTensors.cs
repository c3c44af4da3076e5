using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The state of a TorchSharp <see cref="SGD"/>, <see cref="Adam"/>, <see cref="AdamW"/>, <see cref="RMSProp"/> or
/// <see cref="Adagrad"/> optimizer as named tensors
/// keyed by parameter names, plus text metadata: what <see cref="TrainingCheckpoint"/> saves as
/// <c>optimizer.safetensors</c>. Restoring it into an optimizer built the same way continues training bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Tensors are named <c>state.{parameter}.{state}</c> with the parameter's <c>named_parameters()</c> name:
/// <c>momentum_buffer</c> for SGD (present once momentum has started), <c>step</c> (an Int64 scalar), <c>exp_avg</c>,
/// <c>exp_avg_sq</c> and, with AMSGrad, <c>max_exp_avg_sq</c> for Adam and AdamW; <c>step</c>, <c>square_avg</c> and,
/// with momentum, <c>momentum_buffer</c> and, centered, <c>grad_avg</c> for RMSprop; <c>step</c> and <c>sum</c> for
/// Adagrad. The metadata holds the optimizer's
/// type name under <see cref="OptimizerKey"/> and, under <see cref="GroupsKey"/>, a JSON array with each parameter
/// group's parameter names (<c>params</c>) and hyper-parameters (<c>lr</c>, <c>initial_lr</c>, <c>weight_decay</c>,
/// and the optimizer's own, booleans as 0 or 1).
/// </para>
/// <para>
/// The object owns its tensors (they belong to no dispose scope) and releases them in <see cref="Dispose"/>.
/// </para>
/// </remarks>
public sealed class OptimizerStateTensors : IDisposable
{
    /// <summary>The prefix of per-parameter state tensors.</summary>
    public const string StatePrefix = "state.";

    /// <summary>The metadata key of the optimizer's type name (<c>SGD</c>, <c>Adam</c>, <c>AdamW</c>, <c>RMSProp</c> or <c>Adagrad</c>).</summary>
    public const string OptimizerKey = "optimizer";

    /// <summary>The metadata key of the parameter groups (a JSON array).</summary>
    public const string GroupsKey = "param_groups";

    /// <summary>The name of a parameter group's parameter names in <see cref="GroupsKey"/>.</summary>
    internal const string Params = "params";

    // The per-parameter state names: the step count (an Int64 scalar) and SGD's and RMSprop's momentum; Adam's and
    // AdamW's; RMSprop's; Adagrad's.
    internal const string Step = "step", MomentumBuffer = "momentum_buffer";
    internal const string ExpAvg = "exp_avg", ExpAvgSq = "exp_avg_sq", MaxExpAvgSq = "max_exp_avg_sq";
    internal const string SquareAvg = "square_avg", GradAvg = "grad_avg";
    internal const string Sum = "sum";

    private readonly Dictionary<string, Tensor> tensors;
    private readonly Dictionary<string, string> metadata;
    private bool disposed;

    private OptimizerStateTensors(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /// <summary>The state tensors by name (borrowed from this object).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return tensors;
        }
    }

    /// <summary>The optimizer's type name and its parameter groups (see the remarks of <see cref="OptimizerStateTensors"/>).</summary>
    public IReadOnlyDictionary<string, string> Metadata => metadata;

    /// <summary>The type name of the optimizer the state was captured from.</summary>
    public string OptimizerName => metadata.TryGetValue(OptimizerKey, out var name) ? name : string.Empty;

    /// <summary>
    /// Copies the state of <paramref name="optimizer"/> now; later steps do not change the copy.
    /// </summary>
    /// <param name="optimizer">A TorchSharp SGD, Adam, AdamW, RMSProp or Adagrad optimizer.</param>
    /// <param name="namedParameters">Names for the optimizer's parameters (usually the model's <c>named_parameters()</c>); every parameter of the optimizer must be among them.</param>
    /// <returns>A new object owning copies of the state tensors.</returns>
    /// <exception cref="ArgumentException">The optimizer is of another type, or one of its parameters has no name.</exception>
    public static OptimizerStateTensors Capture(optim.Optimizer optimizer, IEnumerable<(string name, Parameter parameter)> namedParameters)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(namedParameters);
        var kind = OptimizerHyperparameters.KindOf(optimizer);
        var layout = OptimizerGroupLayout.Of(optimizer, namedParameters, nameof(namedParameters));
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var groups = new JsonArray();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            foreach (var group in layout)
            {
                var entry = new JsonObject { [Params] = new JsonArray([.. group.Names.Select(n => (JsonNode)JsonValue.Create(n))]) };
                foreach (var (name, value) in OptimizerHyperparameters.Of(kind, group.Group.Options))
                {
                    entry[name] = value;
                }

                groups.Add(entry);
                for (var k = 0; k < group.Names.Length; k++)
                {
                    var key = StatePrefix + group.Names[k] + ".";
                    OptimizerStateEntries.Capture(result, key, group.Names[k], group.States[k], group.Group.Options, kind);
                }
            }
        }
        catch
        {
            DisposeAll(result);
            throw;
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OptimizerKey] = kind,
            [GroupsKey] = groups.ToJsonString(),
        };
        return new OptimizerStateTensors(result, meta);
    }

    /// <summary>
    /// Creates a state from tensors and metadata read back (for example from a safetensors file), taking ownership of the
    /// tensors: they are taken out of any dispose scope and released by <see cref="Dispose"/>. Nothing is checked until
    /// <see cref="Restore"/>.
    /// </summary>
    /// <param name="tensors">The state tensors by name; owned by the new object from now on.</param>
    /// <param name="metadata">The metadata (see the remarks of <see cref="OptimizerStateTensors"/>).</param>
    /// <returns>The state.</returns>
    public static OptimizerStateTensors FromTensors(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        var owned = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, name);
            owned[name] = tensor.DetachFromDisposeScope();
        }

        return new OptimizerStateTensors(owned, new Dictionary<string, string>(metadata, StringComparer.Ordinal));
    }

    /// <summary>Reads a state written by <see cref="Save"/>. The tensors are on the CPU; <see cref="Restore"/> moves them to the parameters' devices.</summary>
    /// <param name="path">The safetensors file.</param>
    /// <returns>A state owned by the caller.</returns>
    public static OptimizerStateTensors Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var loaded = SafeTensors.Load(path);
        try
        {
            return FromTensors(loaded, SafeTensors.ReadMetadata(path));
        }
        catch
        {
            DisposeAll(loaded);
            throw;
        }
    }

    /// <summary>Writes the state as one safetensors file: the tensors, with <see cref="Metadata"/> in its header.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ObjectDisposedException.ThrowIf(disposed, this);
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Puts this state into <paramref name="optimizer"/>: each parameter's state tensors (copied, converted to the
    /// parameter's type and device), its step count, and each group's <c>lr</c>, <c>initial_lr</c> and
    /// <c>weight_decay</c>. A parameter without entries gets a fresh state (as before its first step). Everything is
    /// checked first; nothing changes when the state does not fit. The caller keeps ownership of this object.
    /// </summary>
    /// <param name="optimizer">An optimizer of the same type, over parameters of the same names and shapes in the same groups.</param>
    /// <param name="namedParameters">Names for the optimizer's parameters (usually the model's <c>named_parameters()</c>).</param>
    /// <exception cref="ArgumentException">
    /// The state does not fit: the message lists every unexpected, missing or mis-shaped entry and every hyper-parameter
    /// that differs from the optimizer's options.
    /// </exception>
    public void Restore(optim.Optimizer optimizer, IEnumerable<(string name, Parameter parameter)> namedParameters)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(namedParameters);
        ObjectDisposedException.ThrowIf(disposed, this);
        var kind = OptimizerHyperparameters.KindOf(optimizer);
        var layout = OptimizerGroupLayout.Of(optimizer, namedParameters, nameof(namedParameters));
        var fit = OptimizerStateFit.Check(this, kind, layout);
        if (fit.Problems.Count > 0)
        {
            throw new ArgumentException(
                $"The optimizer state does not fit this {kind}; nothing was loaded. Fix the following:{Environment.NewLine}- " +
                string.Join(Environment.NewLine + "- ", fit.Problems),
                nameof(optimizer));
        }

        var copies = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var (key, (parameter, _)) in fit.Entries)
            {
                if (key.EndsWith("." + Step, StringComparison.Ordinal))
                {
                    continue;
                }

                var p = fit.Parameters[parameter];
                copies[key] = tensors[key].to(p.dtype, p.device, copy: true).DetachFromDisposeScope();
            }
        }
        catch
        {
            DisposeAll(copies);
            throw;
        }

        foreach (var group in layout)
        {
            for (var k = 0; k < group.Names.Length; k++)
            {
                var key = StatePrefix + group.Names[k] + ".";
                Tensor? Take(string state) => copies.Remove(key + state, out var t) ? t : null;
                var step = fit.Entries.TryGetValue(key + Step, out var s) ? s.Step : 0;
                OptimizerStateEntries.Restore(group.States[k], group.Parameters[k], group.Group.Options, step, Take);
            }
        }

        DisposeAll(copies);
        for (var g = 0; g < layout.Length; g++)
        {
            var options = layout[g].Group.Options;
            options.LearningRate = fit.Groups[g].Lr;
            options.InitialLearningRate = fit.Groups[g].InitialLr;
            OptimizerHyperparameters.SetWeightDecay(options, fit.Groups[g].WeightDecay);
        }
    }

    /// <summary>Every reason this state does not fit <paramref name="optimizer"/> (what <see cref="Restore"/> would refuse); empty when it fits.</summary>
    /// <param name="optimizer">The optimizer to restore into.</param>
    /// <param name="namedParameters">Names for the optimizer's parameters.</param>
    /// <returns>The problems, as sentences.</returns>
    /// <exception cref="ArgumentException">The optimizer is of an unsupported type, or one of its parameters has no name.</exception>
    public IReadOnlyList<string> GetProblems(optim.Optimizer optimizer, IEnumerable<(string name, Parameter parameter)> namedParameters)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(namedParameters);
        ObjectDisposedException.ThrowIf(disposed, this);
        var kind = OptimizerHyperparameters.KindOf(optimizer);
        return OptimizerStateFit.Check(this, kind, OptimizerGroupLayout.Of(optimizer, namedParameters, nameof(namedParameters))).Problems;
    }

    /// <summary>Releases the tensors. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        DisposeAll(tensors);
    }

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }

        tensors.Clear();
    }
}

using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>
/// A criterion whose score is an element-wise formula of the initial (or rewind-point) weights w_i and the trained
/// weights w_f of each layer, e.g. |w_f| (<c>large_final</c>) or |w_f| − |w_i| (<c>magnitude_increase</c>). Higher
/// scores are kept. Registering one by name is one line:
/// <c>registry.Criteria.Register("large_final_squared", new ElementwiseCriterion("large_final_squared", false, true, (_, wf) =&gt; wf!.square()))</c>.
/// </summary>
public sealed class ElementwiseCriterion : IMaskCriterion
{
    private readonly bool needsInitial;
    private readonly bool needsFinal;
    private readonly Func<Tensor?, Tensor?, Tensor> formula;

    /// <summary>Creates the criterion.</summary>
    /// <param name="name">The criterion's name; it identifies the criterion in an experiment's hash.</param>
    /// <param name="needsInitial">Whether the formula reads w_i (otherwise it receives <see langword="null"/>).</param>
    /// <param name="needsFinal">Whether the formula reads w_f (otherwise it receives <see langword="null"/>).</param>
    /// <param name="formula">
    /// (w_i, w_f) → scores of the same shape, as float32 tensors on the weights' device; new tensors (a dispose scope
    /// around each call owns the intermediate ones), no NaN.
    /// </param>
    /// <exception cref="ArgumentException">The name is empty, or the formula reads neither weight.</exception>
    public ElementwiseCriterion(string name, bool needsInitial, bool needsFinal, Func<Tensor?, Tensor?, Tensor> formula)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(formula);
        if (!needsInitial && !needsFinal)
        {
            throw new ArgumentException($"The criterion '{name}' reads neither the initial nor the final weights; set 'needsInitial', 'needsFinal' or both.", nameof(needsFinal));
        }

        Name = name;
        this.needsInitial = needsInitial;
        this.needsFinal = needsFinal;
        this.formula = formula;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var layer in context.Layers)
        {
            var wi = needsInitial ? context.Initial(Name, layer.Name).detach().to(ScalarType.Float32) : null;
            var wf = needsFinal ? context.Final(Name, layer.Name).detach().to(ScalarType.Float32) : null;
            if (wi is not null && wf is not null)
            {
                wi = wi.to(wf.device);
            }

            result[layer.Name] = formula(wi, wf).MoveToOuterDisposeScope();
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

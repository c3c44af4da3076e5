using System.Globalization;
using LotteryTickets.Pruning;
using LotteryTickets.Components;
using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>
/// Su et al.'s smart ratio (<c>smart_ratio</c>, "Sanity-checking pruning methods: random tickets can win the jackpot",
/// their <c>pruner/SmartRatio.py</c>), step by step:
/// <list type="number">
/// <item>Number the layers l = 1 … L in model order, linear layers included, and give each r_l = (L − l + 1)² + (L − l + 1);
/// for a non-residual network (<see cref="SmartRatioOptions.Residual"/> false) divide it by l².</item>
/// <item>Each linear layer keeps ⌊<see cref="SmartRatioOptions.LinearKeepRatio"/> · n_l⌋ weights (0.3 by default).</item>
/// <item>Every other layer (convolutions, and layers of kind <see cref="LayerKind.Other"/>) keeps the fraction p_l = k · r_l,
/// with k solved so that these layers keep the rest of the target: k = (target − linear counts) / Σ n_l · r_l.</item>
/// <item>In model order, a layer with p_l ≥ 1 is made dense and its surplus (p_l − 1) · n_l weights are carried on; each
/// later layer takes as much of the carried surplus as it has room for (filling up to dense), until none is left.</item>
/// </list>
/// Then the counts are rounded to whole weights as <see cref="LayerKeepCounts"/> describes, so they hit the target exactly.
/// </summary>
/// <remarks>
/// <para>Differences from the reference code, all at the level of rounding or of cases it does not handle: it truncates
/// every intermediate count to an integer (so its masks miss the target by a few weights), while here the counts stay real
/// until the one final rounding; it drops a surplus left when every convolution is dense, while here that surplus is pushed
/// on the same way through the linear layers (in model order), so that the target is met (this also makes the rule usable,
/// if not meaningful, for networks without convolutions). The reference stops carrying as soon as the surplus is used up;
/// carrying on through every layer gives the same densities, since r_l decreases with l and only leading layers can exceed 1.</para>
/// <para>A target smaller than what the linear layers keep alone cannot be reached: <see cref="Allocate"/> then throws,
/// saying how low <see cref="SmartRatioOptions.LinearKeepRatio"/> must be.</para>
/// </remarks>
public sealed class SmartRatioDensities : ILayerDensities, IDescribable
{
    /// <summary>The rule's name, <c>smart_ratio</c>.</summary>
    public const string RuleName = "smart_ratio";

    /// <summary>Creates the rule.</summary>
    /// <param name="options">The options (copied), or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; every problem is listed.</exception>
    public SmartRatioDensities(SmartRatioOptions? options = null)
    {
        var copy = (options ?? new SmartRatioOptions()).Copy();
        copy.Validate();
        Residual = copy.Residual;
        LinearKeepRatio = copy.LinearKeepRatio;
    }

    /// <inheritdoc />
    public string Name => RuleName;

    /// <summary>The default options on a residual network.</summary>
    private static SmartRatioDensities ResidualDefaults { get; } = new(new SmartRatioOptions { Residual = true });

    /// <summary>
    /// The rule a transform made with default options applies: the residual defaults on a residual network
    /// (<see cref="Tickets.TicketTransformContext.IsResidualNetwork"/>), otherwise this rule.
    /// </summary>
    internal SmartRatioDensities ForNetwork(bool residualNetwork) => residualNetwork ? ResidualDefaults : this;

    /// <summary>Whether the network is treated as residual (no division by l²).</summary>
    public bool Residual { get; }

    /// <summary>The fraction of each linear layer's weights that is kept.</summary>
    public double LinearKeepRatio { get; }

    /// <summary>Layer l's (1-based, of <paramref name="layerCount"/>) unscaled smart ratio: (L − l + 1)² + (L − l + 1), divided by l² unless residual.</summary>
    /// <param name="l">The layer's position in model order, from 1.</param>
    /// <param name="layerCount">The number of layers L, linear layers included.</param>
    /// <param name="residual">Whether the network is residual.</param>
    /// <returns>The ratio r_l.</returns>
    public static double Ratio(int l, int layerCount, bool residual)
    {
        if (l < 1 || l > layerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(l), string.Create(CultureInfo.InvariantCulture, $"The layer position {l} is outside 1 … {layerCount}; number the layers from 1 in model order."));
        }

        double fromEnd = layerCount - l + 1;
        var ratio = (fromEnd * fromEnd) + fromEnd;
        return residual ? ratio : ratio / ((double)l * l);
    }

    /// <inheritdoc />
    public LayerKeepCounts Allocate(IReadOnlyList<PrunableLayer> layers, long target)
    {
        ArgumentNullException.ThrowIfNull(layers);
        DensityTarget.Check(layers, target);
        var n = layers.Count;
        var sizes = layers.Select(l => (double)l.Count).ToArray();
        var linear = layers.Select(l => l.Kind == LayerKind.Linear).ToArray();
        var exact = new double[n];

        long linearKept = 0;
        for (var i = 0; i < n; i++)
        {
            if (linear[i])
            {
                var count = (long)Math.Floor(LinearKeepRatio * layers[i].Count);
                exact[i] = count;
                linearKept += count;
            }
        }

        if (linearKept > target)
        {
            throw new ArgumentOutOfRangeException(nameof(target), TooFewMessage(layers, target, linearKept));
        }

        double rest = target - linearKept;
        double weighted = 0;
        for (var i = 0; i < n; i++)
        {
            if (!linear[i])
            {
                weighted += sizes[i] * Ratio(i + 1, n, Residual);
            }
        }

        var k = weighted > 0 ? rest / weighted : 0;
        double surplus = weighted > 0 ? 0 : rest;
        for (var i = 0; i < n; i++)
        {
            if (linear[i])
            {
                continue;
            }

            var density = k * Ratio(i + 1, n, Residual);
            if (density >= 1)
            {
                surplus += (density - 1) * sizes[i];
                density = 1;
            }
            else
            {
                var room = (1 - density) * sizes[i];
                if (room >= surplus)
                {
                    density += surplus / sizes[i];
                    surplus = 0;
                }
                else
                {
                    surplus -= room;
                    density = 1;
                }
            }

            exact[i] = density * sizes[i];
        }

        for (var i = 0; i < n && surplus > 0; i++)
        {
            if (linear[i])
            {
                var take = Math.Min(sizes[i] - exact[i], surplus);
                exact[i] += take;
                surplus -= take;
            }
        }

        return LayerKeepCounts.FromExactCounts(layers, exact, target);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> DescribeParameters()
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Residual)
        {
            parameters["residual"] = true;
        }

        if (LinearKeepRatio != SmartRatioOptions.DefaultLinearKeepRatio)
        {
            parameters["linearKeepRatio"] = LinearKeepRatio;
        }

        return parameters;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private string TooFewMessage(IReadOnlyList<PrunableLayer> layers, long target, long linearKept)
    {
        var linearTotal = layers.Where(l => l.Kind == LayerKind.Linear).Sum(l => l.Count);
        var most = Math.Floor((double)target / linearTotal * 1000) / 1000;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The target of {target} weights to keep is fewer than the {linearKept} weights the linear layers keep alone at a '{nameof(SmartRatioOptions.LinearKeepRatio)}' of {ScheduleValidator.Format(LinearKeepRatio)}; keep at least {linearKept} weights, or lower '{nameof(SmartRatioOptions.LinearKeepRatio)}' to at most {ScheduleValidator.Format(most)}.");
    }
}

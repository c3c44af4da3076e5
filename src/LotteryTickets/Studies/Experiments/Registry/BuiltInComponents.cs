using LotteryTickets.Criteria;
using LotteryTickets.Initialization;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using LotteryTickets.Components;

namespace LotteryTickets.Experiments;

/// <summary>The library's own parts, registered in <see cref="ComponentRegistry.BuiltIn"/> under the names they always had.</summary>
internal static class BuiltInComponents
{
    private static readonly (string Suffix, Func<IMaskCriterion, IMaskCriterion> Filter)[] SignSuffixes =
    [
        ("_same_sign", MaskCriteria.SameSign), ("_different_sign", MaskCriteria.DifferentSign), ("_diff_sign", MaskCriteria.DifferentSign),
    ];

    public static void Register(ComponentRegistry registry)
    {
        foreach (var name in MaskCriteria.Names)
        {
            registry.Criteria.RegisterBuiltIn(name, _ => MaskCriteria.Get(name));
        }

        registry.Criteria.Decoration = SignFilter;
        registry.Criteria.UnknownNote = ", each optionally followed by '_same_sign' or '_different_sign'";

        foreach (var name in TicketTransforms.Names)
        {
            var transform = TicketTransforms.Get(name);
            registry.Transforms.RegisterBuiltIn(name, o => Transform(transform, o));
        }

        registry.RewindPolicies
            .RegisterBuiltIn(RewindToInitialization.PolicyName, _ => RewindPolicies.ToInitialization)
            .RegisterBuiltIn(NoRewind.PolicyName, _ => RewindPolicies.None)
            .RegisterBuiltIn("iteration", o => RewindPolicies.ToIteration(Point(o)))
            .RegisterBuiltIn("epoch", o => RewindPolicies.ToEpoch(Point(o)))
            .RegisterBuiltIn("lr", LearningRate);
        registry.RewindPolicies.LegacyForm = text => text.Contains(':', StringComparison.Ordinal) && RewindPolicies.TryParse(text, out var p) ? p : null;
        registry.RewindPolicies.UnknownNote = ", or 'iteration:K', 'epoch:K', 'lr:iteration:K' or 'lr:epoch:K' with K a whole number, e.g. 'lr:epoch:1'";

        registry.Schedules
            .RegisterBuiltIn("iterative", Iterative)
            .RegisterBuiltIn("one_shot", o => new OneShot(new OneShotOptions
            {
                Sparsity = o.Get("sparsity", OneShotOptions.DefaultSparsity),
                Scope = o.Get("scope", PruningScope.Layerwise),
            }))
            .RegisterBuiltIn("gradual", Gradual);

        foreach (var name in ModelZoo.Names)
        {
            registry.Models.RegisterBuiltIn(name, o =>
            {
                var width = o.Get("widthMultiplier", 1.0);
                return (input, classes, generator) => ModelZoo.Create(name, input, classes, generator, width);
            });
        }

        registry.Optimizers
            .RegisterBuiltIn("sgd", o => Optimizer(OptimizerKind.Sgd, o))
            .RegisterBuiltIn("adam", o => Optimizer(OptimizerKind.Adam, o))
            .RegisterBuiltIn("adamw", o => Optimizer(OptimizerKind.AdamW, o))
            .RegisterBuiltIn("rmsprop", o => Optimizer(OptimizerKind.RmsProp, o))
            .RegisterBuiltIn("adagrad", o => Optimizer(OptimizerKind.Adagrad, o));
        registry.Losses
            .RegisterBuiltIn("cross_entropy", _ => t => t.Loss = LossKind.CrossEntropy)
            .RegisterBuiltIn("mse", _ => t => t.Loss = LossKind.MeanSquaredError);
    }

    /// <summary>The curve of a gradual schedule by name (<c>agp</c>, <c>one_shot</c>, <c>iterative</c>, <c>one_cycle</c>, <c>linear</c>, <c>cosine</c>, <c>dsd</c>), or <see langword="null"/>.</summary>
    internal static SparsityCurve? Curve(string name, int steps) => ComponentSpec.Simplify(name) switch
    {
        "agp" => SparsityCurve.Agp,
        "oneshot" => SparsityCurve.OneShot,
        "iterative" => SparsityCurve.Iterative(steps),
        "onecycle" => SparsityCurve.OneCycle(),
        "linear" => SparsityCurve.Linear,
        "cosine" => SparsityCurve.Cosine,
        "dsd" => SparsityCurve.Dsd,
        _ => null,
    };

    private static (string Inner, Func<IMaskCriterion, IMaskCriterion> Decorate)? SignFilter(string name)
    {
        foreach (var (suffix, filter) in SignSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return (name[..^suffix.Length], filter);
            }
        }

        return null;
    }

    private static ITicketTransform Transform(ITicketTransform builtIn, ComponentOptions o)
    {
        switch (builtIn)
        {
            case SnipPruning snip:
            {
                var options = new SnipOptions { SamplesPerClass = o.Get("samplesPerClass", snip.SamplesPerClass), DataVariant = o.Get("dataVariant", snip.DataVariant) };
                return o.Any ? new SnipPruning(options) : builtIn;
            }

            case GraspPruning grasp:
            {
                var options = new GraspOptions
                {
                    SamplesPerClass = o.Get("samplesPerClass", grasp.SamplesPerClass),
                    DataVariant = o.Get("dataVariant", grasp.DataVariant),
                    Temperature = o.Get("temperature", grasp.Temperature),
                };
                return o.Any ? new GraspPruning(options) : builtIn;
            }

            case SynFlowPruning synFlow:
            {
                var options = new SynFlowOptions { Rounds = o.Get("rounds", synFlow.Rounds) };
                return o.Any ? new SynFlowPruning(options) : builtIn;
            }

            case HybridTicket hybrid:
            {
                var options = SmartRatio(o, hybrid.Densities);
                return o.Any ? new HybridTicket(options) : builtIn;
            }

            case RandomTicket { Densities: SmartRatioDensities densities }:
            {
                var options = SmartRatio(o, densities);
                return o.Any ? RandomTicket.SmartRatio(options) : builtIn;
            }

            default:
                return builtIn;
        }
    }

    // Options fix 'residual' (false unless given), where the plain name takes it from the network.
    private static SmartRatioOptions SmartRatio(ComponentOptions o, SmartRatioDensities defaults) => new()
    {
        LinearKeepRatio = o.Get("linearKeepRatio", defaults.LinearKeepRatio),
        Residual = o.Get("residual", defaults.Residual),
    };

    private static long Point(ComponentOptions o)
    {
        if (!o.Has("k"))
        {
            throw new ArgumentException($"The rewind policy '{o.Name}' needs the point 'k'; write e.g. '{o.Name}(k=1)'.");
        }

        var k = o.Get("k", 0L);
        return k >= 0 ? k : throw new ArgumentException($"The rewind point 'k' of '{o.Name}' is {k}; give 0 or more.");
    }

    private static IRewindPolicy LearningRate(ComponentOptions o)
    {
        var iteration = o.Has("iteration");
        var epoch = o.Has("epoch");
        if (iteration && epoch)
        {
            throw new ArgumentException("The rewind policy 'lr' takes 'iteration' or 'epoch', not both; write e.g. 'lr(epoch=1)'.");
        }

        var point = epoch ? TrainingDuration.Epochs(o.Get("epoch", 0L)) : TrainingDuration.Iterations(o.Get("iteration", 0L));
        return point.Count >= 0 ? RewindPolicies.LearningRate(point) : throw new ArgumentException($"The rewind point of 'lr' is {point.Count}; give 0 or more.");
    }

    private static IterativeRates Iterative(ComponentOptions o)
    {
        var rate = o.Get("rate", IterativeRatesOptions.DefaultRate);
        return new IterativeRates(new IterativeRatesOptions
        {
            Levels = o.Get("levels", IterativeRatesOptions.DefaultLevels),
            Rate = rate,
            OutputRate = o.Get("outputRate", o.Has("rate") ? rate / 2 : IterativeRatesOptions.DefaultOutputRate),
            Scope = o.Get("scope", PruningScope.Layerwise),
        });
    }

    private static GradualSchedule Gradual(ComponentOptions o)
    {
        var curveName = o.Get("curve", "agp");
        var steps = o.Get("steps", 3);
        var curve = Curve(curveName, steps)
            ?? throw new ArgumentException($"The curve '{curveName}' of 'gradual' is unknown; the known curves are 'agp', 'one_shot', 'iterative', 'one_cycle', 'linear', 'cosine' and 'dsd'.");
        return new GradualSchedule(new GradualScheduleOptions
        {
            Curve = curve,
            FinalSparsity = o.Get("sparsity", GradualScheduleOptions.DefaultFinalSparsity),
            InitialSparsity = o.Get("initialSparsity", 0.0),
            StartFraction = o.Get("start", 0.0),
            EndFraction = o.Get("end", 1.0),
            PruneEvery = o.Get("pruneEvery", 1),
            Scope = o.Get("scope", PruningScope.Layerwise),
            ResetAfterEachPrune = o.Get("lth", false),
            RewindEpoch = o.Get("rewindEpoch", 0),
            ResetAtEnd = o.Get("resetEnd", false),
        });
    }

    // Each option given replaces the training option of the same meaning; options not given keep their values.
    private static Action<TrainingOptions> Optimizer(OptimizerKind kind, ComponentOptions o)
    {
        double? Optional(string key) => o.Has(key) ? o.Get(key, 0.0) : null;
        bool? Flag(string key) => o.Has(key) ? o.Get(key, false) : null;
        var learningRate = Optional("learningRate");
        var weightDecay = Optional("weightDecay");
        var (momentum, nesterov) = kind switch
        {
            OptimizerKind.Sgd => (Optional("momentum"), Flag("nesterov")),
            OptimizerKind.RmsProp => (Optional("momentum"), null),
            _ => (null, null),
        };
        var (beta1, beta2) = kind is OptimizerKind.Adam or OptimizerKind.AdamW ? (Optional("beta1"), Optional("beta2")) : (null, null);
        var epsilon = kind == OptimizerKind.Sgd ? null : Optional("epsilon");
        var (alpha, centered) = kind == OptimizerKind.RmsProp ? (Optional("alpha"), Flag("centered")) : (null, null);
        var (decay, accumulator) = kind == OptimizerKind.Adagrad ? (Optional("learningRateDecay"), Optional("initialAccumulatorValue")) : (null, null);
        return t =>
        {
            t.Optimizer = kind;
            t.LearningRate = learningRate ?? t.LearningRate;
            t.WeightDecay = weightDecay ?? t.WeightDecay;
            t.Momentum = momentum ?? t.Momentum;
            t.Nesterov = nesterov ?? t.Nesterov;
            t.Beta1 = beta1 ?? t.Beta1;
            t.Beta2 = beta2 ?? t.Beta2;
            t.Epsilon = epsilon ?? t.Epsilon;
            t.Alpha = alpha ?? t.Alpha;
            t.Centered = centered ?? t.Centered;
            t.LearningRateDecay = decay ?? t.LearningRateDecay;
            t.InitialAccumulatorValue = accumulator ?? t.InitialAccumulatorValue;
        };
    }
}

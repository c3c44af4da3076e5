// "Random tickets can win the jackpot" (Su et al.) on Fashion-MNIST with Conv-2: at each sparsity that iterative
// magnitude pruning reaches, masks found at initialization — SNIP, GraSP, SynFlow — and random masks with
// smart-ratio and uniform layer densities are trained from the same initial weights and compared with the IMP
// ticket. Every branch keeps as many weights as the IMP ticket of its level. Writes the table and the plots
// (test accuracy and early-stop iteration against % of weights remaining).
// Conv-2 at full width (64/64 channels, 256/256 units) costs about 0.3 s per step on one CPU thread, so the sample
// runs it at a quarter of the width by default; give 1 as the width on a GPU or with time to spare.
//   dotnet run -c Release --project samples/LotteryTickets.RandomTickets [store-folder] [iterations] [width]
using System.Globalization;
using LotteryTickets.Experiments;
using LotteryTickets.Initialization;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Training;

SampleRunner.ConfigureProcess();

var store = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lottery-random-tickets");
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 800;
var width = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.25;
var plan = LotteryExperiment.Create("conv2-fashion-random-tickets")
    .WithModel("conv2", width)
    .WithData("fashion-mnist")
    .WithTraining(o =>
    {
        o.Duration = TrainingDuration.Iterations(iterations);
        o.BatchSize = 60;
        o.Optimizer = OptimizerKind.Adam;
        o.LearningRate = 2e-4;
        o.EvaluationInterval = TrainingDuration.Iterations(Math.Max(1, iterations / 4));
    })
    // 50% of each layer's remaining weights per level: 50%, 25%, 12.5% and 6.25% of the weights remain.
    .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 4, Rate = 0.5, OutputRate = 0.5 }))
    .WithRewind(RewindPolicies.ToInitialization)
    .WithControl("snip")
    .WithControl("grasp")
    .WithControl("synflow")
    // Conv-2 holds 98% of its weights in linear layers, so Su et al.'s fixed keep ratio of 0.3 for linear layers
    // could not go below 30% of all weights; here they keep 5% and the convolutions' surplus flows into them in order.
    .WithControl(RandomTicket.SmartRatio(new SmartRatioOptions { LinearKeepRatio = 0.05 }))
    .WithControl("random_uniform")
    .WithProgress(new ConsoleProgress())
    .StoreIn(store)
    .Build();

return SampleRunner.Run(plan) is null ? 1 : 0;

// Iterative magnitude pruning (Frankle & Carbin) on Fashion-MNIST with LeNet-300-100, rewinding to
// initialization, with a random-reinitialization control. Finishes in about two minutes on two cores (7 levels × 2,500 iterations, main and control).
//   dotnet run --project samples/LotteryTickets.Demo [store-folder]
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Training;

SampleRunner.ConfigureProcess();

var store = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lottery-demo");
var plan = LotteryExperiment.Create("lenet-fashion-imp")
    .WithModel("lenet300_100")
    .WithData("fashion-mnist")
    .WithTraining(o =>
    {
        o.Duration = TrainingDuration.Iterations(2500);
        o.BatchSize = 60;
        o.Optimizer = OptimizerKind.Adam;
        o.LearningRate = 1.2e-3;
        o.EvaluationInterval = TrainingDuration.Iterations(250);
    })
    .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 7, Rate = 0.2, OutputRate = 0.1 }))
    .WithRewind(RewindPolicies.ToInitialization)
    .WithControl("random_reinit")
    .WithProgress(new ConsoleProgress())
    .StoreIn(store)
    .Build();

return SampleRunner.Run(plan) is null ? 1 : 0;

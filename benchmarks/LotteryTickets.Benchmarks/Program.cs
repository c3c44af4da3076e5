using BenchmarkDotNet.Running;
using LotteryTickets.Benchmarks;

// dotnet run -c Release --project benchmarks/LotteryTickets.Benchmarks -- <mode>
//   step-loop [--steps N --warmup N --repeats N]   the side-by-side timing loop (JSON)
//   memory [--steps N --every N]                   RSS over many training steps (CSV)
//   imp-level [--iterations N --levels L]          one IMP level on Fashion-MNIST, timed (JSON)
//   resnet-step [--device cuda --batch 128 ...]    a ResNet-20 SGD-momentum training step, timed (JSON)
//   global-prune [--device cuda --scale 1.0 ...]   global magnitude pruning of ~20M weights vs the bandwidth bound (JSON)
//   anything else                                  BenchmarkDotNet (e.g. --filter '*LeNet*')
return args.FirstOrDefault() switch
{
    "step-loop" => StepLoop.Run(args[1..]),
    "memory" => MemoryCheck.Run(args[1..]),
    "imp-level" => ImpLevel.Run(args[1..]),
    "resnet-step" => ResNetStep.Run(args[1..]),
    "global-prune" => GlobalPrune.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LeNetStep).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;
using LotteryTickets.Benchmarks;

// dotnet run -c Release --project benchmarks/LotteryTickets.Benchmarks -- <mode>
//   step-loop [--steps N --warmup N --repeats N]   the side-by-side timing loop (JSON)
//   memory [--steps N --every N]                   RSS over many training steps (CSV)
//   imp-level [--iterations N --levels L]          one IMP level on Fashion-MNIST, timed (JSON)
//   anything else                                  BenchmarkDotNet (e.g. --filter '*LeNet*')
return args.FirstOrDefault() switch
{
    "step-loop" => StepLoop.Run(args[1..]),
    "memory" => MemoryCheck.Run(args[1..]),
    "imp-level" => ImpLevel.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LeNetStep).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;
using LotteryTickets.Benchmarks;

// dotnet run -c Release --project benchmarks/LotteryTickets.Benchmarks -- <mode>
//   step-loop [--impl library|plain --prune 0.2 --steps N --warmup N --repeats N]   the masked LeNet step, side by side (JSON)
//   memory [--impl library|plain --steps N --every N]                                RSS and live tensors over many steps (CSV)
//   imp-level [--impl library|plain --iterations N --levels L]                       one IMP level on Fashion-MNIST, timed (JSON)
//   resnet-step [--impl library|plain --device cuda --batch 128 ...]                 a ResNet-20 SGD-momentum training step, timed (JSON)
//   global-prune [--device cuda --scale 1.0 ...]                                     global magnitude pruning of ~20M weights (JSON)
//   engine-check [--device cpu|cuda|cuda:N]                                          TorchSharp loads and multiplies on the device (JSON)
//   anything else                                                                    BenchmarkDotNet (e.g. --filter '*LeNet*')
// The timing modes run libtorch on --threads intra-op threads (default 1, as the Python twins). The library's runs
// opt into the native settings the lottery tool applies (ProcessSettings.FromEnvironment: malloc's thresholds unless
// LOTTERYTICKETS_MALLOC_TUNING=0); plain TorchSharp runs leave the process as a plain TorchSharp program has it.
if (args.FirstOrDefault() is "step-loop" or "memory" or "imp-level" or "resnet-step" or "global-prune")
{
    if (!BenchOptions.Plain(args[1..]))
    {
        LotteryTickets.Native.Engine.ConfigureProcess(LotteryTickets.Native.ProcessSettings.FromEnvironment());
    }

    TorchSharp.torch.set_num_threads(StepLoop.Option(args, "--threads", 1));
}

return args.FirstOrDefault() switch
{
    "step-loop" => StepLoop.Run(args[1..]),
    "memory" => MemoryCheck.Run(args[1..]),
    "imp-level" => BenchOptions.Plain(args[1..]) ? PlainImpLevel.Run(args[1..]) : ImpLevel.Run(args[1..]),
    "resnet-step" => ResNetStep.Run(args[1..]),
    "global-prune" => GlobalPrune.Run(args[1..]),
    "engine-check" => EngineCheck.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LeNetStep).Assembly).Run(args);
    return 0;
}

using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// Runs (or resumes) one trial of a plan with an <see cref="IGradualPruneSchedule"/>: the training run
/// <c>level_0/main</c> pruned by a <see cref="GradualPruningCallback"/>, then, under
/// <see cref="IGradualPruneSchedule.ResetAtEnd"/>, the evaluation of the reset ticket into <c>level_0/ticket</c>.
/// </summary>
internal sealed class GradualTrialRunner(ExperimentPlan plan, ExperimentRunner runner)
{
    private ExperimentLayout Layout => plan.Layout;

    /// <summary>Trains (or resumes) the trial's gradual run, <c>level_0/main</c>.</summary>
    public void TrainMain(int trial, IGradualPruneSchedule schedule, CancellationToken cancellationToken) =>
        Train(Layout.Run(trial, 0), new TrialSeeds(plan.Seed, trial), schedule, cancellationToken);

    /// <summary>Evaluates the reset ticket of the trial's finished gradual run into <c>level_0/ticket</c>.</summary>
    public void EvaluateTicket(int trial, CancellationToken cancellationToken) =>
        EvaluateTicket(Layout.Run(trial, 0), Layout.Run(trial, 0, ExperimentPlan.TicketBranch), new TrialSeeds(plan.Seed, trial), cancellationToken);

    private void Train(RunPaths run, TrialSeeds seeds, IGradualPruneSchedule schedule, CancellationToken cancellationToken)
    {
        var paths = run.EnsureFolder();
        using var generator = new Generator(seeds.Gradual);
        using var pruning = new GradualPruningCallback(schedule, runner.Layers, generator, plan.Criterion);
        var job = runner.Job(run.Key, seeds) with { Callbacks = [pruning, .. runner.Progress(run.Key)] };
        runner.Executor.Execute(job, paths.Folder, new GradualRunOutput(paths, pruning), cancellationToken);
    }

    /// <summary>Evaluates the ticket stored by the finished main run (its start weights under its mask), untrained, at iteration 0.</summary>
    private void EvaluateTicket(RunPaths main, RunPaths run, TrialSeeds seeds, CancellationToken cancellationToken)
    {
        var paths = run.EnsureFolder();
        using var scope = torch.NewDisposeScope();
        using var mask = Mask.Load(main.MaskFile, runner.Layers);
        var job = runner.Job(run.Key, seeds) with { StartWeights = SafeTensors.Load(main.StartFile), Mask = mask, EvaluateOnly = true };
        runner.Executor.Execute(job, paths.Folder, new StoredRunOutput(paths, mask), cancellationToken);
    }

    /// <summary>
    /// The files of a gradual run: its trained weights (before a reset), then the ticket it found — the final mask and the
    /// start weights it rewinds to under that mask — its metrics and sparsity.
    /// </summary>
    private sealed class GradualRunOutput(RunPaths paths, GradualPruningCallback pruning) : IRunOutput
    {
        public void Started(nn.Module<Tensor, Tensor> model)
        {
        }

        public void Write(nn.Module<Tensor, Tensor> model, RunMetrics metrics)
        {
            SafeTensors.Save(paths.FinalFile, pruning.TrainedWeights ?? model.state_dict());
            using var ticket = pruning.CreateTicket();
            ticket.Mask.Save(paths.MaskFile);
            ticket.ApplyTo(model);
            SafeTensors.Save(paths.StartFile, model.state_dict());
            RunResultsWriter.WriteMetrics(paths, metrics);
            RunResultsWriter.WriteSparsity(paths, ticket.Mask.Sparsity());
        }

        public void MarkDone() => RunResultsWriter.MarkDone(paths);
    }
}

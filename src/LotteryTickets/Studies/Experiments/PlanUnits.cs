using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <summary>The work of a plan's runner as units for the <see cref="WorkScheduler"/>, in canonical order.</summary>
/// <param name="runner">The runner whose runs the units train.</param>
internal sealed class PlanUnits(ExperimentRunner runner)
{
    private ExperimentPlan Plan => runner.Plan;

    private ExperimentLayout Layout => runner.Plan.Layout;

    /// <summary>The unit of each run, by key, once <see cref="Build"/> has run.</summary>
    public Dictionary<RunKey, WorkUnit> RunUnits { get; } = [];

    /// <summary>
    /// Every run of the plan as a <see cref="WorkUnit"/>: per trial, the chain of <c>main</c> runs (the dense run, then
    /// each level's, each needing the one before) in the trial's slot, then each level's branches, each needing its
    /// level's <c>main</c>, in the slots after it — so that shards split the trials and, within a trial, the branches.
    /// </summary>
    public List<WorkUnit> Build()
    {
        var units = new List<WorkUnit>();
        for (var trial = 0; trial < Plan.Trials; trial++)
        {
            var t = trial;
            var next = t + 1;
            if (Plan.GradualSchedule is { } gradual)
            {
                var main = Unit(new RunKey(t, 0, RunKey.MainBranch), [], t, token => Gradual().TrainMain(t, gradual, token));
                units.Add(main);
                if (gradual.ResetAtEnd)
                {
                    units.Add(Unit(new RunKey(t, 0, ExperimentPlan.TicketBranch), [main], next++, token => Gradual().EvaluateTicket(t, token)));
                }

                foreach (var branch in Plan.Branches)
                {
                    units.Add(Unit(new RunKey(t, 0, branch.Name), [main], next++, token => runner.RunGradualBranch(t, branch, token)));
                }

                continue;
            }

            var capture = Plan.Rewind.CapturePoint is not null;
            var dense = Layout.Run(t, 0);
            var previous = new WorkUnit(
                dense.Key.ToString(), dense.Folder, () => dense.IsDone && (!capture || TrainingCheckpoint.Exists(runner.RewindFolder(t))), [], t, Repairing(dense, token => runner.RunDense(t, token)));
            RunUnits[dense.Key] = previous;
            units.Add(previous);
            for (var level = 1; level <= Plan.Levels; level++)
            {
                var l = level;
                var main = Unit(new RunKey(t, l, RunKey.MainBranch), [previous], t, token => runner.RunLevelRun(t, l, null, token));
                units.Add(main);
                foreach (var branch in Plan.Branches)
                {
                    units.Add(Unit(new RunKey(t, l, branch.Name), [main], next++, token => runner.RunLevelRun(t, l, branch, token)));
                }

                previous = main;
            }
        }

        units.AddRange(new InstabilityWork(runner, this).Units());
        return units;
    }

    private WorkUnit Unit(RunKey key, IReadOnlyList<WorkUnit> dependencies, int slot, Action<CancellationToken> run)
    {
        var paths = Layout.Run(key);
        var unit = new WorkUnit(key.ToString(), paths.Folder, () => paths.IsDone, dependencies, slot, Repairing(paths, run));
        RunUnits[key] = unit;
        return unit;
    }

    /// <summary>
    /// A run's work, preceded (under the run's lock) by clearing a damaged run — one marked done whose files no longer
    /// match its manifest — so that it trains again from the start instead of being read or resumed.
    /// </summary>
    private Action<CancellationToken> Repairing(RunPaths paths, Action<CancellationToken> run) => token =>
    {
        if (paths.Damage is { Count: > 0 } damage)
        {
            ExperimentLog.RunDamaged(runner.Logger, paths.Key.ToString(), string.Join("; ", damage));
            RunIntegrity.Clear(paths.Folder);
        }

        run(token);
    };

    private GradualTrialRunner Gradual() => new(Plan, runner);
}

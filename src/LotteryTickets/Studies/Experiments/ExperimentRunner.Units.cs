using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <content>The plan's work as units for the <see cref="WorkScheduler"/>, in canonical order.</content>
internal sealed partial class ExperimentRunner
{
    /// <summary>The unit of each run, by key, once <see cref="BuildUnits"/> has run.</summary>
    private readonly Dictionary<RunKey, WorkUnit> runUnits = [];

    /// <summary>
    /// Every run of the plan as a <see cref="WorkUnit"/>: per trial, the chain of <c>main</c> runs (the dense run, then
    /// each level's, each needing the one before) in the trial's slot, then each level's branches, each needing its
    /// level's <c>main</c>, in the slots after it — so that shards split the trials and, within a trial, the branches.
    /// </summary>
    private List<WorkUnit> BuildUnits()
    {
        var units = new List<WorkUnit>();
        for (var trial = 0; trial < plan.Trials; trial++)
        {
            var t = trial;
            var next = t + 1;
            if (plan.GradualSchedule is { } gradual)
            {
                var main = Unit(new RunKey(t, 0, RunKey.MainBranch), [], t, _ => Gradual().TrainMain(t, gradual));
                units.Add(main);
                if (gradual.ResetAtEnd)
                {
                    units.Add(Unit(new RunKey(t, 0, ExperimentPlan.TicketBranch), [main], next++, _ => Gradual().EvaluateTicket(t)));
                }

                foreach (var branch in plan.Branches)
                {
                    units.Add(Unit(new RunKey(t, 0, branch.Name), [main], next++, _ => RunGradualBranch(t, branch)));
                }

                continue;
            }

            var capture = plan.Rewind.CapturePoint is not null;
            var dense = Layout.Run(t, 0);
            var previous = new WorkUnit(
                dense.Key.ToString(), dense.Folder, () => dense.IsDone && (!capture || TrainingCheckpoint.Exists(RewindFolder(t))), [], t, Execute(Repairing(dense, _ => RunDense(t))));
            runUnits[dense.Key] = previous;
            units.Add(previous);
            for (var level = 1; level <= plan.Levels; level++)
            {
                var l = level;
                var main = Unit(new RunKey(t, l, RunKey.MainBranch), [previous], t, _ => RunLevelRun(t, l, null));
                units.Add(main);
                foreach (var branch in plan.Branches)
                {
                    units.Add(Unit(new RunKey(t, l, branch.Name), [main], next++, _ => RunLevelRun(t, l, branch)));
                }

                previous = main;
            }
        }

        units.AddRange(InstabilityUnits());
        return units;
    }

    private WorkUnit Unit(RunKey key, IReadOnlyList<WorkUnit> dependencies, int slot, Action<CancellationToken> run)
    {
        var paths = Layout.Run(key);
        var unit = new WorkUnit(key.ToString(), paths.Folder, () => paths.IsDone, dependencies, slot, Execute(Repairing(paths, run)));
        runUnits[key] = unit;
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
            ExperimentLog.RunDamaged(logger, paths.Key.ToString(), string.Join("; ", damage));
            RunIntegrity.Clear(paths.Folder);
        }

        run(token);
    };

    /// <summary>Runs a unit's work with the scheduler's token (the plan's, or the unit lock's loss) as the runner's.</summary>
    private Action<CancellationToken> Execute(Action<CancellationToken> run) => token =>
    {
        cancellationToken = token;
        try
        {
            run(token);
        }
        finally
        {
            cancellationToken = planToken;
        }
    };

    private GradualTrialRunner Gradual() => new(plan, this, layers, cancellationToken);
}

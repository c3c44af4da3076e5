using System.Globalization;

namespace LotteryTickets.Experiments;

/// <summary>
/// One of <see cref="Count"/> processes sharing one experiment's work, numbered from 0: the shard trains its
/// deterministic share of the experiment's independent work (the trials, and each level's branches once the level's
/// <c>main</c> run is done), waits for the runs its share depends on, and takes over a run it depends on that no
/// process has claimed for the store's stale time. Locks in the store make sure no run is trained twice, so any
/// shards, and processes without a shard, may run on one store at once.
/// </summary>
/// <param name="Index">The shard's number, from 0 to <see cref="Count"/> − 1.</param>
/// <param name="Count">The number of shards, at least 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Slurm's job-array task id (with <see cref="SlurmTaskCount"/> and <see cref="SlurmTaskMin"/>).</summary>
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";

    /// <summary>Slurm's number of tasks in the job array.</summary>
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";

    /// <summary>Slurm's lowest task id of the job array (ids need not start at 0).</summary>
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";

    /// <summary>A Kubernetes Indexed Job's completion index; the count is given separately.</summary>
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";

    /// <summary>The number of shards for <see cref="KubernetesIndex"/> (an Indexed Job's <c>completions</c>).</summary>
    public const string ShardCountVariable = "LOTTERYTICKETS_SHARD_COUNT";

    /// <summary>Throws unless 0 ≤ <see cref="Index"/> &lt; <see cref="Count"/>.</summary>
    /// <returns>This shard.</returns>
    /// <exception cref="ArgumentException">The numbers do not name a shard.</exception>
    public Shard Validated()
    {
        if (Count < 1 || Index < 0 || Index >= Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The shard {Index}/{Count} does not exist: the count must be at least 1 and the index from 0 to count − 1 (e.g. 0/{Math.Max(Count, 1)})."));
        }

        return this;
    }

    /// <summary>Parses <c>i/n</c> (e.g. <c>0/3</c>).</summary>
    /// <param name="text">The shard as <c>index/count</c>.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="FormatException">The text is not <c>i/n</c> with 0 ≤ i &lt; n.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
        {
            return new Shard(index, count);
        }

        throw new FormatException($"The shard '{text}' is not 'index/count' with 0 ≤ index < count; write e.g. '0/3' for the first of three shards.");
    }

    /// <summary>
    /// The shard a scheduler gives this process: Slurm's job array (<see cref="SlurmTaskId"/> minus
    /// <see cref="SlurmTaskMin"/>, of <see cref="SlurmTaskCount"/>), or a Kubernetes Indexed Job's
    /// <see cref="KubernetesIndex"/> of <paramref name="count"/> (or, without it, <see cref="ShardCountVariable"/>);
    /// <see langword="null"/> when neither is set.
    /// </summary>
    /// <param name="variable">Reads an environment variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="count">The number of shards of an Indexed Job, when the caller knows it.</param>
    /// <returns>The shard, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">A variable is set but its value is not a shard; the message names it.</exception>
    public static Shard? FromEnvironment(Func<string, string?> variable, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(SlurmTaskId) is { Length: > 0 } slurmId)
        {
            var id = Number(SlurmTaskId, slurmId);
            var total = variable(SlurmTaskCount) is { Length: > 0 } c
                ? Number(SlurmTaskCount, c)
                : throw new FormatException($"'{SlurmTaskId}' is set but '{SlurmTaskCount}' is not; run the shards as a Slurm job array (sbatch --array=0-N), or give the shard explicitly.");
            var min = variable(SlurmTaskMin) is { Length: > 0 } m ? Number(SlurmTaskMin, m) : 0;
            if (total < 1)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{SlurmTaskCount}'={total} says the job array has no tasks, but this process is task '{SlurmTaskId}'={slurmId}; the count must be at least 1. Check the job's '--array' (e.g. --array=0-3 for 4 shards), or give the shard explicitly."));
            }

            return Checked(new Shard(id - min, total), $"'{SlurmTaskId}'={slurmId} (minimum {min}) of '{SlurmTaskCount}'={total}; give the array consecutive ids (e.g. --array=0-{total - 1})");
        }

        if (variable(KubernetesIndex) is { Length: > 0 } k8sIndex)
        {
            var index = Number(KubernetesIndex, k8sIndex);
            var total = count
                ?? (variable(ShardCountVariable) is { Length: > 0 } c
                    ? Number(ShardCountVariable, c)
                    : throw new FormatException($"'{KubernetesIndex}' is set but the number of shards is not known; set '{ShardCountVariable}' to the Indexed Job's 'completions' (or give the count explicitly)."));
            if (total < 1)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The number of shards for '{KubernetesIndex}'={index} is {total}; it must be at least 1: set it to the Indexed Job's 'completions'."));
            }

                        return Checked(new Shard(index, total), $"'{KubernetesIndex}'={index} of {total} shard(s); set the count to the Indexed Job's 'completions'");
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static int Number(string name, string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"The environment variable '{name}' is '{value}', not a whole number; it should be set by the scheduler.");

    private static Shard Checked(Shard shard, string what) =>
        shard.Count >= 1 && shard.Index >= 0 && shard.Index < shard.Count
            ? shard
            : throw new FormatException($"The shard from the environment does not exist: {what}.");
}

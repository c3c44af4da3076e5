namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// The losses and errors along the line between two networks, and the barriers that measure their instability
/// (Frankle et al., "Linear Mode Connectivity and the Lottery Ticket Hypothesis", ICML 2020): the error barrier is
/// max over α of error(α) − (error(0) + error(1)) / 2, and likewise the loss barrier. Two copies in one linearly
/// connected basin have a barrier near 0.
/// </summary>
public sealed class InterpolationPath
{
    private readonly InterpolationPoint[] points;

    /// <summary>Creates a path from its points.</summary>
    /// <param name="points">At least two points, α strictly increasing from exactly 0 to exactly 1; training values on every point or on none.</param>
    /// <exception cref="ArgumentException">The points break one of these rules.</exception>
    public InterpolationPath(IEnumerable<InterpolationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        this.points = [.. points];
        if (this.points.Length < 2 || this.points[0].Alpha != 0 || this.points[^1].Alpha != 1)
        {
            throw new ArgumentException("A path needs at least two points, the first at α = 0 and the last at α = 1.", nameof(points));
        }

        for (var i = 1; i < this.points.Length; i++)
        {
            if (!(this.points[i].Alpha > this.points[i - 1].Alpha))
            {
                throw new ArgumentException($"The points' α must increase strictly; point {i} does not.", nameof(points));
            }
        }

        var withTraining = this.points.Count(p => p.TrainLoss is not null && p.TrainError is not null);
        if (withTraining != 0 && withTraining != this.points.Length)
        {
            throw new ArgumentException("Training loss and error must be given on every point or on none.", nameof(points));
        }

        HasTrainingValues = withTraining > 0;
    }

    /// <summary>The points, α from 0 to 1.</summary>
    public IReadOnlyList<InterpolationPoint> Points => points;

    /// <summary>Whether the points carry training-set values.</summary>
    public bool HasTrainingValues { get; }

    /// <summary>The first network's point (α = 0).</summary>
    public InterpolationPoint First => points[0];

    /// <summary>The second network's point (α = 1).</summary>
    public InterpolationPoint Last => points[^1];

    /// <summary>The mean of the endpoints' errors, (error(0) + error(1)) / 2.</summary>
    public double MeanEndpointError => Midpoint(First.Error, Last.Error);

    /// <summary>The instability: max over α of error(α) − (error(0) + error(1)) / 2; 0 when the path is flat, never negative.</summary>
    public double ErrorBarrier => Barrier(p => p.Error);

    /// <summary>
    /// The error barrier above the straight line between the ends: max over α of
    /// error(α) − ((1 − α)·error(0) + α·error(1)); 0 when no point lies above that line (then <see cref="ErrorBarrier"/>
    /// is just half of <see cref="EndpointGap"/>), never negative.
    /// </summary>
    public double LinearErrorBarrier => points.Max(p => p.Error - (((1 - p.Alpha) * First.Error) + (p.Alpha * Last.Error)));

    /// <summary>The gap between the ends' errors, |error(1) − error(0)|: <see cref="ErrorBarrier"/> is at least half of it.</summary>
    public double EndpointGap => Math.Abs(Last.Error - First.Error);

    /// <summary>The loss barrier: max over α of loss(α) − (loss(0) + loss(1)) / 2.</summary>
    public double LossBarrier => Barrier(p => p.Loss);

    /// <summary>The error barrier on the training set, when it was evaluated.</summary>
    public double? TrainErrorBarrier => HasTrainingValues ? Barrier(p => p.TrainError!.Value) : null;

    /// <summary>The loss barrier on the training set, when it was evaluated.</summary>
    public double? TrainLossBarrier => HasTrainingValues ? Barrier(p => p.TrainLoss!.Value) : null;

    private double Barrier(Func<InterpolationPoint, double> value) =>
        points.Max(value) - Midpoint(value(points[0]), value(points[^1]));

    private static double Midpoint(double a, double b) => (a + b) / 2;
}

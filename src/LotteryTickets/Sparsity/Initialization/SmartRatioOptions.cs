using LotteryTickets.Pruning;

namespace LotteryTickets.Initialization;

/// <summary>
/// The options of Su et al.'s smart ratio (<see cref="SmartRatioDensities"/>, the <c>smart_ratio</c> random tickets and
/// the <c>hybrid</c> tickets). The rule copies them when it is created and checks them all at once, reporting every
/// problem in one <see cref="ArgumentException"/>.
/// </summary>
public sealed class SmartRatioOptions
{
    /// <summary>The default keep ratio of linear layers, 0.3 (Su et al.'s <c>--linear_keep_ratio</c> default).</summary>
    public const double DefaultLinearKeepRatio = 0.3;

    /// <summary>
    /// Whether the network is residual (a ResNet): then layer l's ratio is (L − l + 1)² + (L − l + 1); otherwise (VGG and
    /// other plain networks) it is further divided by l².
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Residual { get; set; }

    /// <summary>The fraction of each linear layer's weights that is kept (rounded down per layer), whatever the target.</summary>
    /// <value>The default value is 0.3. Must be at least 0 and at most 1.</value>
    public double LinearKeepRatio { get; set; } = DefaultLinearKeepRatio;

    internal SmartRatioOptions Copy() => new() { Residual = Residual, LinearKeepRatio = LinearKeepRatio };

    internal void Validate()
    {
        var v = new ScheduleValidator(nameof(SmartRatioOptions));
        if (!(LinearKeepRatio >= 0 && LinearKeepRatio <= 1))
        {
            v.Add($"'{nameof(LinearKeepRatio)}' is {ScheduleValidator.Format(LinearKeepRatio)}; it must be at least 0 and at most 1.");
        }

        v.ThrowIfInvalid();
    }
}

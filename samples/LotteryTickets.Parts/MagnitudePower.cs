using LotteryTickets.Criteria;

namespace LotteryTickets.Parts;

/// <summary>A criterion: |w_f|^power, registered as <c>magnitude_power(power=2)</c>.</summary>
public static class MagnitudePower
{
    /// <summary>The criterion for <paramref name="power"/>.</summary>
    public static IMaskCriterion Create(double power) =>
        new ElementwiseCriterion("magnitude_power", needsInitial: false, needsFinal: true, (_, wf) => wf!.abs().pow(power));
}

using LotteryTickets.Experiments;

namespace LotteryTickets.Parts;

/// <summary>
/// The registration of this assembly's parts: <c>lottery run --parts LotteryTickets.Parts.dll</c> calls it, C# calls
/// <c>ComponentRegistry.CreateDefault().Add(new PartsModule())</c>. One line per part.
/// </summary>
public sealed class PartsModule : ILotteryPartsModule
{
    /// <inheritdoc />
    public void Register(ComponentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Criteria.Register("magnitude_power", o => MagnitudePower.Create(o.Get("power", 2.0)));
        registry.Transforms.Register("negate", new NegateWeights());
        registry.RewindPolicies.Register("init_until", o => new InitUntilLevel(o.Get("level", 1)));
        registry.Schedules.Register("halving", o => new Halving(o.Get("levels", 3)));
        registry.Optimizers.Register("nesterov", o => NesterovSgd.Create(o.Get("momentum", 0.9)));
        registry.Models.Register("tiny_mlp", o =>
        {
            var hidden = o.Get("hidden", 16);
            return (input, classes, _) => new TinyMlp(input, classes, hidden);
        });
    }
}

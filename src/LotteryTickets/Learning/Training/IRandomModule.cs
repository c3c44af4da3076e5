using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// A module that draws its random numbers from a generator of its own (a seeded dropout layer, say). A
/// <see cref="Trainer"/> tracks the generator of every such module in its model automatically (saved in checkpoints as
/// <c>module:{name}</c>, the module's <c>named_modules()</c> name or <c>(root)</c>), so that a resumed run draws the
/// same numbers as an uninterrupted one.
/// </summary>
public interface IRandomModule
{
    /// <summary>The generator the module draws from (owned by the module).</summary>
    Generator Generator { get; }
}

namespace LotteryTickets.Experiments;

/// <summary>
/// The entry point of an assembly of your own parts: <c>lottery run --parts MyParts.dll</c> (and
/// <see cref="ComponentRegistry.AddParts(System.Reflection.Assembly)"/>) creates every public, non-abstract class of the
/// assembly that implements it, through its public parameterless constructor, and calls <see cref="Register"/>, so the
/// criteria, transforms, rewind policies, schedules, models and optimizers it registers can be named in experiment
/// files.
/// </summary>
public interface ILotteryPartsModule
{
    /// <summary>Registers the assembly's parts, e.g. <c>registry.Criteria.Register("my_score", o =&gt; ...)</c>.</summary>
    /// <param name="registry">The registry to add to.</param>
    void Register(ComponentRegistry registry);
}

using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Tickets;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class FrozenPrunedValuesTests
{
    [Test]
    public void ATransformThatFreezesPrunedWeightsAtInitPlugsIntoTheRunner()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithBranch("freeze", new FreezeInit()).Build();

        plan.Run();

        var init = TinyExperiment.Load(plan.Layout.Run(0, 0).StartFile);
        var run = plan.Layout.Run(0, 1, "freeze");
        var mask = TinyExperiment.Load(run.MaskFile)["fc1.weight"];
        var start = TinyExperiment.Load(run.StartFile)["fc1.weight"];
        var final = TinyExperiment.Load(run.FinalFile)["fc1.weight"];
        var pruned = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 0).ToList();
        var kept = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 1).ToList();
        Assert.That(pruned, Is.Not.Empty);
        Assert.That(pruned.Select(i => final[i]), Is.EqualTo(pruned.Select(i => init["fc1.weight"][i])));
        Assert.That(pruned.Select(i => start[i]), Is.EqualTo(pruned.Select(i => init["fc1.weight"][i])));
        Assert.That(kept.Count(i => final[i] != start[i]), Is.GreaterThan(kept.Count / 2));
    }

    /// <summary>Zhou et al.'s mask-0 "freeze_init": pruned weights keep their initial values.</summary>
    private sealed class FreezeInit : ITicketTransform
    {
        public string Name => "freeze_init";

        public Ticket Apply(Ticket ticket, TicketTransformContext context) =>
            ticket.WithPrunedValues(context.Layers.ToDictionary(l => l.Name, l => context.InitialWeights[l.Name]));
    }
}

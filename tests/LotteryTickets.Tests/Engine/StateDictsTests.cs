using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;
using Runtime = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.EngineTests;

public class StateDictsTests
{
    private static nn.Module<Tensor, Tensor> Model() => nn.Sequential(
        ("fc1", nn.Linear(3, 4)),
        ("norm", nn.BatchNorm1d(4)),
        ("fc2", nn.Linear(4, 2)));

    private static Dictionary<string, Tensor> Values(nn.Module model, double offset) =>
        model.state_dict().ToDictionary(e => e.Key, e => full(e.Value.shape, offset, e.Value.dtype));

    [Test]
    public void LoadingCopiesEveryTensorInPlaceWithoutRecordingGradients()
    {
        using var scope = NewDisposeScope();
        using var model = Model();
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var source = Values(model, 0.25);

        var result = StateDicts.Load(model, source);

        Assert.That(result.IsExactMatch, Is.True);
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.That(parameter, Is.SameAs(before[name]), "the parameter objects stay the same (an optimizer keeps them)");
            Assert.That(parameter.requires_grad, Is.True, name);
            Assert.That(parameter.is_leaf, Is.True, name);
            Assert.That(parameter.detach().eq(0.25).all().item<bool>(), Is.True, name);
        }

        Assert.That(model.state_dict()["norm.running_var"].eq(0.25).all().item<bool>(), Is.True);
    }

    [Test]
    public void ValuesAreConvertedToTheModulesElementType()
    {
        using var scope = NewDisposeScope();
        using var model = Model();
        var source = model.state_dict().ToDictionary(e => e.Key, e => full(e.Value.shape, 0.5, ScalarType.Float64));

        StateDicts.Load(model, source);

        Assert.That(model.state_dict()["fc1.weight"].dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(model.state_dict()["fc1.weight"].eq(0.5).all().item<bool>(), Is.True);
    }

    [Test]
    public void AStrictMismatchListsEveryProblemAndCopiesNothing()
    {
        using var scope = NewDisposeScope();
        using var model = Model();
        var original = StateDicts.Snapshot(model);
        var source = Values(model, 1.0);
        source.Remove("fc2.bias");
        source["fc1.weight"] = ones(4, 4);
        source["extra.weight"] = ones(1);

        var e = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(model, source))!;

        Assert.That(e.Message, Is.EqualTo(
            "The state dict does not match the 'Sequential' module: 1 missing key, 1 unexpected key and 1 mis-shaped key. " +
            "Load a state dict saved from the same architecture, or pass strict: false to copy only the keys that match." +
            "\n  missing: 'fc2.bias'" +
            "\n  unexpected: 'extra.weight'" +
            "\n  mis-shaped: 'fc1.weight' is [4, 4] in the state dict but [4, 3] in the module"));
        Assert.That(e.Result.MissingKeys, Is.EqualTo(new[] { "fc2.bias" }));
        foreach (var (name, t) in model.state_dict())
        {
            Assert.That(t.eq(original[name]).all().item<bool>(), Is.True, $"{name} is unchanged");
        }

        StateDicts.DisposeAll(original.Values);
    }

    [Test]
    public void ANonStrictLoadCopiesTheMatchingKeysAndReportsTheRest()
    {
        using var scope = NewDisposeScope();
        using var model = Model();
        var source = new Dictionary<string, Tensor> { ["fc2.bias"] = full(2, 3.0f), ["fc1.weight"] = ones(1, 1), ["other"] = ones(1) };

        var result = StateDicts.Load(model, source, strict: false);

        Assert.That(result.IsExactMatch, Is.False);
        Assert.That(result.UnexpectedKeys, Is.EqualTo(new[] { "other" }));
        Assert.That(result.MismatchedKeys.Select(m => m.Key), Is.EqualTo(new[] { "fc1.weight" }));
        Assert.That(result.MissingKeys, Does.Contain("fc1.bias").And.Not.Contain("fc2.bias"));
        Assert.That(model.state_dict()["fc2.bias"].eq(3.0).all().item<bool>(), Is.True);
    }

    [Test]
    public void ADisposedSourceTensorIsANamedError()
    {
        using var model = Model();
        using var scope = NewDisposeScope();
        var source = Values(model, 1.0);
        source["fc1.bias"].Dispose();

        var e = Assert.Throws<ArgumentException>(() => StateDicts.Load(model, source))!;

        Assert.That(e.Message, Does.StartWith("The tensor 'fc1.bias' to load is null or disposed; give live tensors only."));
    }

    [Test]
    public void ASnapshotIsAnOwnedCopyThatTrainingDoesNotChange()
    {
        using var model = Model();
        OrderedDictionary<string, Tensor> snapshot;
        var live = Runtime.LiveTensorCount;
        using (NewDisposeScope())
        {
            snapshot = StateDicts.Snapshot(model);
        }

        Assert.That(Runtime.LiveTensorCount - live, Is.EqualTo(snapshot.Count), "the snapshot survives the scope it was taken in");
        Assert.That(snapshot.Keys, Is.EqualTo(model.state_dict().Keys));
        Assert.That(snapshot.Keys, Does.Contain("norm.running_mean").And.Contain("norm.num_batches_tracked"));
        Assert.That(snapshot.Values.Select(t => t.requires_grad), Is.All.False);
        var weight = snapshot["fc1.weight"].clone();
        using (no_grad())
        {
            model.named_parameters().First(p => p.name == "fc1.weight").parameter.add_(1.0);
        }

        using (NewDisposeScope())
        {
            Assert.That(snapshot["fc1.weight"].eq(weight).all().item<bool>(), Is.True);
        }

        weight.Dispose();
        StateDicts.DisposeAll(snapshot.Values);
        Assert.That(Runtime.LiveTensorCount, Is.EqualTo(live));
    }
}

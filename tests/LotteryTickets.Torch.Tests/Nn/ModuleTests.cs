using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

public class ModuleTests
{
    [Test]
    public void ParametersOfASequentialAreNamedByPosition()
    {
        using var model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2, bias: false));
        Assert.That(model.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight" }));
        Assert.That(model.NamedModules().Select(m => m.Name), Is.EqualTo(new[] { "", "0", "1", "2" }));
        Assert.That(model.Parameters().Select(p => p.Shape), Is.EqualTo(new[] { new long[] { 3, 4 }, [3], [2, 3] }));
    }

    [Test]
    public void ParametersOfAUserModuleAreNamedByTheirRegisteredNamesAtEveryDepth()
    {
        using var model = new Sequential(new TwoLayerNet(), new Identity());
        Assert.That(
            model.NamedParameters().Select(p => p.Name),
            Is.EqualTo(new[] { "0.fc1.weight", "0.fc1.bias", "0.fc2.weight", "0.fc2.bias" }));
        Assert.That(model.NamedModules().Select(m => m.Name), Is.EqualTo(new[] { "", "0", "0.fc1", "0.fc2", "1" }));
        Assert.That(model[0].NamedChildren().Select(c => c.Name), Is.EqualTo(new[] { "fc1", "fc2" }));
    }

    [Test]
    public void TheStateDictHoldsParametersThenBuffersModuleByModuleAsPyTorch()
    {
        using var scope = DisposeScope.Begin();
        using var model = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2));
        Assert.That(
            model.StateDict().Keys,
            Is.EqualTo(new[]
            {
                "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            }));
        Assert.That(model.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "1.running_mean", "1.running_var", "1.num_batches_tracked" }));
        var counter = model.StateDict()["1.num_batches_tracked"];
        Assert.That(counter.Shape, Is.Empty);
        Assert.That(counter.DType, Is.EqualTo(ScalarType.Int64));
    }

    [Test]
    public void StateDictValuesAreDetachedHandlesSharingTheModulesStorage()
    {
        using var scope = DisposeScope.Begin();
        using var layer = new Linear(2, 2);
        var state = layer.StateDict();
        Assert.That(state["weight"].RequiresGrad, Is.False);
        Assert.That(state["weight"], Is.Not.SameAs(layer.Weight));
        using (Autograd.NoGrad())
        {
            layer.Weight.Fill_(3);
        }

        Assert.That(state["weight"].ToArray<float>(), Is.All.EqualTo(3f));
    }

    [Test]
    public void AStateDictRoundTripCopiesEveryValueAndKeepsTheModulesTensors()
    {
        using var scope = DisposeScope.Begin();
        using var source = TestModels.SmallConvNet(1);
        using var target = TestModels.SmallConvNet(2);
        using (var x = Tensor.Randn([2, 1, 8, 8], new Generator(5)))
        {
            source.Forward(x);
        }

        var before = target.Parameters().Concat(target.Buffers()).ToList();
        Assert.That(target.Parameters().First().ToArray<float>(), Is.Not.EqualTo(source.Parameters().First().ToArray<float>()));

        var result = target.LoadStateDict(source.StateDict());

        Assert.That(result.IsExactMatch, Is.True);
        Assert.That(target.Parameters().Concat(target.Buffers()), Is.EqualTo(before).Using<Tensor>(ReferenceEquals));
        foreach (var ((name, ours), (_, theirs)) in target.StateDict().Zip(source.StateDict()))
        {
            using var a = ours.To(ScalarType.Float64);
            using var b = theirs.To(ScalarType.Float64);
            Assert.That(a.ToArray<double>(), Is.EqualTo(b.ToArray<double>()), name);
        }

        Assert.That(target.Parameters().All(p => p.RequiresGrad && p.IsLeaf), Is.True);
    }

    [Test]
    public void StrictLoadingNamesEveryMissingUnexpectedAndMisShapedKeyAndCopiesNothing()
    {
        using var scope = DisposeScope.Begin();
        using var model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        var original = model[0].StateDict()["weight"].Clone();
        var state = new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.Zeros([2, 3]),
            ["0.bias"] = Tensor.Zeros([5]),
            ["2.weight"] = Tensor.Zeros([1, 2]),
            ["3.weight"] = Tensor.Zeros([1]),
            ["2.extra"] = Tensor.Zeros([4, 4]),
        };

        var ex = Assert.Throws<StateDictMismatchException>(() => model.LoadStateDict(state));

        Assert.That(ex!.Message, Is.EqualTo(
            "The state dict does not match the 'Sequential' module: 1 missing key, 2 unexpected keys and 1 mis-shaped key. " +
            "Load a state dict saved from the same architecture, or pass strict: false to copy only the keys that match.\n" +
            "  missing: '2.bias'\n" +
            "  unexpected: '3.weight'\n" +
            "  unexpected: '2.extra'\n" +
            "  mis-shaped: '0.bias' is [5] in the state dict but [2] in the module"));
        Assert.That(ex.Result.MissingKeys, Is.EqualTo(new[] { "2.bias" }));
        Assert.That(model[0].StateDict()["weight"].ToArray<float>(), Is.EqualTo(original.ToArray<float>()));
    }

    [Test]
    public void NonStrictLoadingCopiesTheMatchingKeysAndReportsTheRest()
    {
        using var scope = DisposeScope.Begin();
        using var model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        var bias = model[0].StateDict()["bias"].Clone();
        var result = model.LoadStateDict(
            new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Ones([2, 3]), ["0.bias"] = Tensor.Ones([3]), ["9.x"] = Tensor.Ones([1]) },
            strict: false);

        Assert.That(result.MissingKeys, Is.EqualTo(new[] { "2.weight", "2.bias" }));
        Assert.That(result.UnexpectedKeys, Is.EqualTo(new[] { "9.x" }));
        Assert.That(result.MismatchedKeys.Single().ToString(), Is.EqualTo("'0.bias' is [3] in the state dict but [2] in the module"));
        Assert.That(model[0].StateDict()["weight"].ToArray<float>(), Is.All.EqualTo(1f));
        Assert.That(model[0].StateDict()["bias"].ToArray<float>(), Is.EqualTo(bias.ToArray<float>()));
    }

    [Test]
    public void TrainAndEvalReachEveryDescendant()
    {
        using var model = new Sequential(new TwoLayerNet(), new Dropout());
        Assert.That(model.Modules().All(m => m.IsTraining), Is.True);
        model.Eval();
        Assert.That(model.Modules().Any(m => m.IsTraining), Is.False);
        model.Train();
        Assert.That(model.Modules().All(m => m.IsTraining), Is.True);
    }

    [Test]
    public void DropoutIsTheIdentityInEvaluationMode()
    {
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(1);
        using var dropout = new Dropout(0.5, generator);
        var x = Tensor.Ones([100]);
        Assert.That(dropout.Forward(x).ToArray<float>(), Has.Some.EqualTo(0f));
        dropout.Eval();
        Assert.That(dropout.Forward(x).ToArray<float>(), Is.All.EqualTo(1f));
    }

    [Test]
    public void BatchNormUpdatesItsRunningStatisticsOnlyInTraining()
    {
        using var scope = DisposeScope.Begin();
        using var bn = new BatchNorm2d(3);
        var x = Tensor.Randn([4, 3, 2, 2], new Generator(2)).Mul_(2).Add_(1);
        var batchMean = x.Mean([0, 2, 3]).ToArray<float>();

        bn.Forward(x);

        Assert.That(bn.RunningMean!.ToArray<float>(), Is.EqualTo(batchMean.Select(m => 0.1f * m).ToArray()).Within(1e-6));
        Assert.That(bn.NumBatchesTracked!.ToInt64(), Is.EqualTo(1));
        var mean = bn.RunningMean.ToArray<float>();
        var variance = bn.RunningVar!.ToArray<float>();

        bn.Eval();
        var y = bn.Forward(x);

        Assert.That(bn.RunningMean.ToArray<float>(), Is.EqualTo(mean));
        Assert.That(bn.RunningVar.ToArray<float>(), Is.EqualTo(variance));
        Assert.That(bn.NumBatchesTracked.ToInt64(), Is.EqualTo(1));
        var expected = x.Sub(bn.RunningMean.View(1, 3, 1, 1)).Div(bn.RunningVar.Add(1e-5).Sqrt().View(1, 3, 1, 1));
        Assert.That(y.ToArray<float>(), Is.EqualTo(expected.ToArray<float>()).Within(1e-5));
    }

    [Test]
    public void BatchNormWithoutMomentumKeepsACumulativeAverage()
    {
        using var scope = DisposeScope.Begin();
        using var bn = new BatchNorm1d(1, momentum: null);
        bn.Forward(Tensor.FromArray(new float[] { 1, 3 }, 2, 1));
        bn.Forward(Tensor.FromArray(new float[] { 5, 7 }, 2, 1));
        Assert.That(bn.RunningMean!.ToArray<float>(), Is.EqualTo(new[] { 4f }));
    }

    [Test]
    public void BatchNormRejectsAnInputOfTheWrongRank()
    {
        using var scope = DisposeScope.Begin();
        using var bn = new BatchNorm2d(3);
        var ex = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros([4, 3, 2])));
        Assert.That(ex!.Message, Does.StartWith("The input of 'BatchNorm2d' has 3 dimensions [4, 3, 2], but it expects 4."));
    }

    [Test]
    public void ConvertingToFloat64KeepsEveryTensorObjectAndLeavesIntegerBuffersAlone()
    {
        using var scope = DisposeScope.Begin();
        using var model = TestModels.SmallConvNet(3);
        var loss = model.Forward(Tensor.Randn([2, 1, 8, 8], new Generator(1))).Sum();
        loss.Backward();
        var tensors = model.Parameters().Concat(model.Buffers()).ToList();

        model.To(ScalarType.Float64);

        Assert.That(model.Parameters().Concat(model.Buffers()), Is.EqualTo(tensors).Using<Tensor>(ReferenceEquals));
        Assert.That(model.Parameters().Select(p => p.DType), Is.All.EqualTo(ScalarType.Float64));
        Assert.That(model.Parameters().Select(p => p.Grad!.DType), Is.All.EqualTo(ScalarType.Float64));
        Assert.That(model.Parameters().All(p => p.RequiresGrad && p.IsLeaf), Is.True);
        Assert.That(
            model.NamedBuffers().Select(b => (b.Name, b.Buffer.DType)),
            Is.EqualTo(new[] { ("1.running_mean", ScalarType.Float64), ("1.running_var", ScalarType.Float64), ("1.num_batches_tracked", ScalarType.Int64) }));
        var y = model.Forward(Tensor.Randn([2, 1, 8, 8], new Generator(1), ScalarType.Float64));
        Assert.That(y.DType, Is.EqualTo(ScalarType.Float64));
    }

    [Test]
    public void ZeroGradClearsEveryGradient()
    {
        using var scope = DisposeScope.Begin();
        using var model = new TwoLayerNet();
        model.Forward(Tensor.Ones([1, 4])).Sum().Backward();
        Assert.That(model.Parameters().All(p => p.Grad is not null), Is.True);

        model.ZeroGrad(setToNone: false);
        Assert.That(model.Parameters().SelectMany(p => p.Grad!.ToArray<float>()), Is.All.EqualTo(0f));

        model.ZeroGrad();
        Assert.That(model.Parameters().All(p => p.Grad is null), Is.True);
    }

    [Test]
    public void RegisteringANameTwiceOrADottedNameIsRejected()
    {
        using var scope = DisposeScope.Begin();
        using var model = new TwoLayerNet();
        var duplicate = Assert.Throws<ArgumentException>(() => model.RegisterBuffer("fc1", Tensor.Zeros([1])));
        Assert.That(duplicate!.Message, Does.StartWith(
            "The name 'fc1' is already registered in this TwoLayerNet. Give each parameter, buffer and module its own name."));
        var dotted = Assert.Throws<ArgumentException>(() => model.RegisterParameter("a.b", Tensor.Zeros([1])));
        Assert.That(dotted!.Message, Does.StartWith("The name 'a.b' is invalid"));
        var integral = Assert.Throws<ArgumentException>(() => model.RegisterParameter("counts", Tensor.Zeros([1], ScalarType.Int64)));
        Assert.That(integral!.Message, Does.StartWith("The parameter 'counts' holds Int64 elements, but a parameter must be floating point."));
        var nonLeaf = Tensor.Ones([1]).RequiresGrad_().Mul(2);
        Assert.That(() => model.RegisterParameter("scaled", nonLeaf), Throws.ArgumentException.With.Message.Contains("leaf"));
    }

    [Test]
    public void ASequentialChainsItsModulesAndGrowsByAppend()
    {
        using var scope = DisposeScope.Begin();
        using var model = new Sequential();
        var x = Tensor.FromArray(new float[] { -1, 2 }, 1, 2);
        Assert.That(model.Forward(x).ToArray<float>(), Is.EqualTo(new float[] { -1, 2 }));
        model.Append(new ReLU()).Append(new Flatten(0));
        Assert.That(model.Count, Is.EqualTo(2));
        Assert.That(model[1], Is.InstanceOf<Flatten>());
        var y = model.Forward(x);
        Assert.That(y.Shape, Is.EqualTo(new long[] { 2 }));
        Assert.That(y.ToArray<float>(), Is.EqualTo(new float[] { 0, 2 }));
    }

    [Test]
    public void LayersComputeWhatTheirFunctionsCompute()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Randn([2, 3, 6, 6], new Generator(4));
        using var conv = new Conv2d(3, 4, (3, 2), stride: 2, padding: 1, groups: 1, generator: new Generator(1));
        Assert.That(conv.Forward(x).ToArray<float>(), Is.EqualTo(Functional.Conv2d(x, conv.Weight, conv.Bias, 2, 1).ToArray<float>()));
        Assert.That(new MaxPool2d(3, 2, 1).Forward(x).ToArray<float>(), Is.EqualTo(Functional.MaxPool2d(x, 3, 2, 1).ToArray<float>()));
        Assert.That(new AvgPool2d(2).Forward(x).ToArray<float>(), Is.EqualTo(Functional.AvgPool2d(x, 2).ToArray<float>()));
        Assert.That(new AdaptiveAvgPool2d((1, 2)).Forward(x).Shape, Is.EqualTo(new long[] { 2, 3, 1, 2 }));
        Assert.That(new LeakyReLU(0.2).Forward(x).ToArray<float>(), Is.EqualTo(x.LeakyRelu(0.2).ToArray<float>()));
        Assert.That(new Flatten().Forward(x).Shape, Is.EqualTo(new long[] { 2, 108 }));
        var same = new Identity().Forward(x);
        Assert.That(same, Is.Not.SameAs(x));
        Assert.That(same.IsSameTensor(x), Is.True);
    }

    [Test]
    public void AConvolutionWhoseGroupsDoNotDivideTheChannelsIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2));
        Assert.That(ex!.Message, Does.StartWith(
            "The number of groups '2' must divide both the input channels (3) and the output channels (4). Choose a common divisor."));
    }
}

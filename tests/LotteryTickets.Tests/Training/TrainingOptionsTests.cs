using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainingOptionsTests
{
    private static readonly string NL = Environment.NewLine;

    [Test]
    public void TheDefaultsAreValid()
    {
        Assert.That(new TrainingOptions().GetValidationErrors(), Is.Empty);
    }

    [Test]
    public void EveryInvalidOptionIsReportedInOneMessage()
    {
        var options = new TrainingOptions
        {
            BatchSize = 0,
            EvaluationBatchSize = -1,
            LearningRate = double.NaN,
            Momentum = -0.5,
            Nesterov = true,
            Beta2 = 1,
            Schedule = LearningRateScheduleKind.Step,
            Gamma = -1,
            Warmup = TrainingDuration.Iterations(0),
            WarmupStartFactor = 0,
            EvaluationInterval = TrainingDuration.Epochs(0),
        };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.That(ex!.Message, Is.EqualTo(
            "The 'TrainingOptions' are invalid. Correct the following and try again:" + NL +
            "- 'BatchSize' is 0; it must be at least 1." + NL +
            "- 'EvaluationBatchSize' is -1; it must be at least 1." + NL +
            "- 'LearningRate' is NaN; it must be a finite number greater than 0." + NL +
            "- 'Momentum' is -0.5; it must be a finite number of at least 0." + NL +
            "- 'Nesterov' needs a 'Momentum' greater than 0, but it is -0.5; set a momentum or turn 'Nesterov' off." + NL +
            "- 'Beta2' is 1; it must be at least 0 and less than 1." + NL +
            "- 'StepSize' is null; a step schedule needs a step size greater than 0, such as '30ep' or '1000it'." + NL +
            "- 'Gamma' is -1; it must be a finite number of at least 0." + NL +
            "- 'Warmup' is 0it; it must be greater than 0, or null for no warm-up." + NL +
            "- 'WarmupStartFactor' is 0; it must be greater than 0 and at most 1." + NL +
            "- 'EvaluationInterval' is 0ep; it must be greater than 0, or null to evaluate only at the start and the end." +
            " (Parameter 'options')"));
    }

    [Test]
    public void MomentumIsRefusedForAdamAndAMultiStepScheduleNeedsMilestones()
    {
        var options = new TrainingOptions { Optimizer = OptimizerKind.Adam, Momentum = 0.9, Schedule = LearningRateScheduleKind.MultiStep };
        Assert.That(options.GetValidationErrors(), Is.EqualTo(new[]
        {
            "'Momentum' applies to SGD and RMSprop and 'Nesterov' to SGD only, but the optimizer is Adam; leave them at 0 and false or choose Sgd or RmsProp.",
            "'Milestones' is empty; a multi-step schedule needs at least one milestone, such as '80ep'.",
        }));
    }

    [Test]
    public void TheOptionsOfRmsPropAndAdagradAreCheckedAndRefusedForOtherOptimizers()
    {
        var rmsProp = new TrainingOptions { Optimizer = OptimizerKind.RmsProp, Momentum = 0.9, Nesterov = true, Alpha = 1, LearningRateDecay = 0.1 };
        var sgd = new TrainingOptions { Alpha = 0.9, InitialAccumulatorValue = -1 };

        Assert.That(rmsProp.GetValidationErrors(), Is.EqualTo(new[]
        {
            "'Nesterov' applies to SGD only, but the optimizer is RmsProp; turn it off (RMSprop takes a plain 'Momentum').",
            "'LearningRateDecay' and 'InitialAccumulatorValue' apply to Adagrad only, but the optimizer is RmsProp; leave them at 0 or choose Adagrad.",
            "'Alpha' is 1; it must be at least 0 and less than 1.",
        }));
        Assert.That(sgd.GetValidationErrors(), Is.EqualTo(new[]
        {
            "'Alpha' and 'Centered' apply to RMSprop only, but the optimizer is Sgd; leave them at 0.99 and false or choose RmsProp.",
            "'LearningRateDecay' and 'InitialAccumulatorValue' apply to Adagrad only, but the optimizer is Sgd; leave them at 0 or choose Adagrad.",
            "'InitialAccumulatorValue' is -1; it must be a finite number of at least 0.",
        }));
        Assert.That(new TrainingOptions { Optimizer = OptimizerKind.RmsProp, Momentum = 0.5, Alpha = 0.9, Centered = true }.GetValidationErrors(), Is.Empty);
        Assert.That(new TrainingOptions { Optimizer = OptimizerKind.Adagrad, LearningRateDecay = 0.1, InitialAccumulatorValue = 0.1 }.GetValidationErrors(), Is.Empty);
    }

    [Test]
    public void TheOptimizerOfEachKindIsTorchSharpsWithTheOptionsGiven()
    {
        using var parameter = new TorchSharp.Modules.Parameter(TorchSharp.torch.zeros(2));
        var rmsProp = new TrainingOptions { Optimizer = OptimizerKind.RmsProp, LearningRate = 0.02, Momentum = 0.5, Alpha = 0.9, Centered = true, Epsilon = 1e-6, WeightDecay = 1e-3 };
        var adagrad = new TrainingOptions { Optimizer = OptimizerKind.Adagrad, LearningRate = 0.03, LearningRateDecay = 0.1, InitialAccumulatorValue = 0.2, Epsilon = 1e-10 };

        using var r = rmsProp.CreateOptimizer([parameter]);
        using var a = adagrad.CreateOptimizer([parameter]);

        var ro = (TorchSharp.Modules.RMSProp.Options)((TorchSharp.Modules.ParamGroup)r.ParamGroups.Single()).Options;
        var ao = (TorchSharp.Modules.Adagrad.Options)((TorchSharp.Modules.ParamGroup)a.ParamGroups.Single()).Options;
        Assert.That((ro.LearningRate, ro.momentum, ro.alpha, ro.centered, ro.eps, ro.weight_decay), Is.EqualTo(((double?)0.02, (double?)0.5, (double?)0.9, (bool?)true, (double?)1e-6, (double?)1e-3)));
        Assert.That((ao.LearningRate, ao.lr_decay, ao.initial_accumulator_value, ao.eps, ao.weight_decay), Is.EqualTo(((double?)0.03, (double?)0.1, (double?)0.2, (double?)1e-10, (double?)0.0)));
    }

    [Test]
    public void ATrainerRefusesInvalidOptionsWithTheSameMessage()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.BatchSize = 0;
        var ex = Assert.Throws<ArgumentException>(() => TinyTask.CreateTrainer(model, options));
        Assert.That(ex!.Message, Does.StartWith("The 'TrainingOptions' are invalid. Correct the following and try again:" + NL + "- 'BatchSize' is 0; it must be at least 1."));
        Assert.That(ex.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void TheLoaderOptionsCarryTheBatchOrderSettings()
    {
        var options = new TrainingOptions { BatchSize = 17, Shuffle = false, DropLast = true, DataOrderSeed = 9 };
        var loader = options.ToDataLoaderOptions();
        Assert.That((loader.BatchSize, loader.Shuffle, loader.DropLast, loader.Seed), Is.EqualTo((17, false, true, 9UL)));
    }

    [Test]
    public void TheTrainerKeepsACopyOfTheOptions()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        using var trainer = TinyTask.CreateTrainer(model, options);
        options.LearningRate = 5;
        options.Milestones.Add(TrainingDuration.Iterations(3));
        Assert.That(trainer.Options.LearningRate, Is.EqualTo(0.05));
        Assert.That(trainer.Options.Milestones, Is.Empty);
    }
}

using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Models;
using LotteryTickets.Tests.Training;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Gpu;

/// <summary>
/// Zoo models trained by the <see cref="Trainer"/> on a chosen device, for the device tests: the same seeds, data
/// order and options on every device, so that only the device differs between two runs.
/// </summary>
internal static class DeviceTraining
{
    private static readonly ImageDataset Rgb = GaussianBlobs.Create(
        new GaussianBlobsOptions { Count = 256, Shape = new SampleShape(3, 16, 16), Noise = 0.3, Seed = 4 });

    /// <summary>What a run recorded: the loss of every step and the last evaluation.</summary>
    public sealed record Run(IReadOnlyList<double> StepLosses, EvaluationRecord Final, bool TrainedOnDevice);

    /// <summary>LeNet-300-100 on the tiny task (4 classes, 1×8×8): 30 steps of SGD with momentum, batch 32.</summary>
    public static Run LeNet300100(Device device)
    {
        using var model = ModelZoo.Create(LotteryTickets.Models.LeNet300100.ZooName, TinyTask.Train.SampleShape, TinyTask.Train.ClassCount, 3UL);
        return Train(model, TinyTask.Train, TinyTask.Validation, TinyTask.Test, device, 30);
    }

    /// <summary>ResNet-20 at a quarter width (4, 8, 16 filters) on 3×16×16 blobs: 24 steps of SGD with momentum, batch 32.</summary>
    public static Run ResNet20(Device device)
    {
        using var model = ModelZoo.Create("resnet20", Rgb.SampleShape, Rgb.ClassCount, 3UL, widthMultiplier: 0.25);
        return Train(model, Rgb.Slice(0, 192, "train"), Rgb.Slice(192, 32, "validation"), Rgb.Slice(224, 32, "test"), device, 24);
    }

    /// <summary>
    /// Trains LeNet-300-100 for 40 steps on <paramref name="device"/> and reads <paramref name="probe"/> at the end of
    /// every step (after the step's tensors are released), evaluating every 5 steps.
    /// </summary>
    public static IReadOnlyList<long> ProbeEveryStep(Device device, Func<long> probe)
    {
        // Tensors that earlier tests left to the garbage collector (a dropped dataset's preloaded data, say) must not
        // be finalized in the middle of the readings.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var model = ModelZoo.Create(LotteryTickets.Models.LeNet300100.ZooName, TinyTask.Train.SampleShape, TinyTask.Train.ClassCount, 3UL);
        var readings = new List<long>();
        var options = Options(device, 40);
        using var trainer = new Trainer(model, TinyTask.Train, TinyTask.Validation, TinyTask.Test, options, [new RecordingCallback { AtIterationEnd = _ => readings.Add(probe()) }]);
        trainer.Run();
        return readings;
    }

    /// <summary>The mean of the first and of the last <paramref name="count"/> step losses.</summary>
    public static (double First, double Last) Ends(IReadOnlyList<double> losses, int count) =>
        (losses.Take(count).Average(), losses.TakeLast(count).Average());

    private static Run Train(nn.Module<Tensor, Tensor> model, ImageDataset train, ImageDataset validation, ImageDataset test, Device device, int steps)
    {
        var recorder = new RecordingCallback();
        using var trainer = new Trainer(model, train, validation, test, Options(device, steps), [recorder]);
        var result = trainer.Run();
        var onDevice = model.parameters().Cast<Tensor>().Concat(model.buffers()).All(t => t.device.type == device.type);
        return new Run(recorder.StepLosses, result.Final!, onDevice);
    }

    private static TrainingOptions Options(Device device, int steps)
    {
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(steps);
        options.Device = device;
        return options;
    }
}

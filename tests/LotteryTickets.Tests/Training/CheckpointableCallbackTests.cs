using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class CheckpointableCallbackTests
{
    [Test]
    public void ACallbacksStateTravelsThroughACheckpointOnDiskIntoTheCallbackOfTheResumedTrainer()
    {
        using var folder = new TemporaryFolder();
        var counting = new CountingCallback();
        using (var model = new TinyMlp(1))
        using (var trainer = TinyTask.CreateTrainer(model, null, counting, new CheckpointCallback(folder.Path, 7)))
        {
            trainer.Run();
        }

        Assert.That(counting.Steps, Is.EqualTo(30));
        var restored = new CountingCallback();
        using var resumedModel = new TinyMlp(2);
        using var resumed = TinyTask.CreateTrainer(resumedModel, null, restored);
        using (var checkpoint = TrainingCheckpoint.Load(CheckpointCallback.FolderFor(folder.Path, 7)))
        {
            Assert.That(File.Exists(Path.Combine(CheckpointCallback.FolderFor(folder.Path, 7), "callback.counting.safetensors")), Is.True);
            resumed.Restore(checkpoint);
        }

        Assert.That(restored.Steps, Is.EqualTo(7), "the count from the text");
        Assert.That(restored.LastMode, Is.EqualTo(CheckpointRestoreMode.Resume));
        resumed.Run();
        Assert.That(restored.Steps, Is.EqualTo(30));
        Assert.That(restored.TensorSum, Is.EqualTo(counting.TensorSum), "the count in the tensor");
    }

    /// <summary>Counts steps, keeping the count both in its text and in a tensor.</summary>
    private sealed class CountingCallback : ICheckpointableCallback
    {
        public string StateName => "counting";

        public int Steps { get; private set; }

        public double TensorSum { get; private set; }

        public CheckpointRestoreMode? LastMode { get; private set; }

        public void OnIterationEnd(TrainingState state)
        {
            Steps++;
            TensorSum += Steps;
        }

        public CallbackState GetState()
        {
            using var scope = torch.NewDisposeScope();
            return new CallbackState(new Dictionary<string, Tensor> { ["sum"] = torch.tensor(TensorSum, ScalarType.Float64) }, Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public void SetState(CallbackState state, CheckpointRestoreMode mode)
        {
            Steps = int.Parse(state.Text, System.Globalization.CultureInfo.InvariantCulture);
            TensorSum = state.Tensors["sum"].ToDouble();
            LastMode = mode;
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Experiments;
using LotteryTickets.Storage;
using LotteryTickets.Tests.Support;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using LotteryTickets.Initialization;
using EngineInfo = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.Experiments;

/// <summary>The complete configuration written beside <c>plan.json</c> (<see cref="PlanConfiguration"/>, <see cref="ConfigurationRecord"/>).</summary>
public class PlanConfigurationTests
{
    /// <summary>The description and hash of <see cref="Fixed"/>, computed before the configuration record existed.</summary>
    private const string FixedDescription =
        "{\"branches\":[{\"name\":\"reinit\",\"transforms\":[{\"name\":\"random_reinit\"}]}],\"data\":{\"fingerprint\":\"c6143dd551b4a142\",\"name\":\"blobs\"},\"model\":{\"name\":\"tiny-mlp\"},\"schedule\":{\"levels\":2,\"type\":\"iterative\"},\"seed\":5,\"training\":{\"batchSize\":32,\"duration\":\"30it\",\"evaluationBatchSize\":64,\"evaluationInterval\":\"10it\",\"learningRate\":0.01,\"optimizer\":\"Adam\"}}";

    private const string FixedHash = "dd298eb1787b8efc";

    private static ExperimentPlan Fixed(string store = "store") =>
        TinyExperiment.Builder(store).WithBranch("reinit", TicketTransforms.RandomReinitialization).WithSeed(5).WithTrials(2).Build();

    private static JsonObject Configuration(ExperimentPlan plan) =>
        JsonNode.Parse(PlanConfiguration.Create(plan, plan.Data.Resolve()))!.AsObject();

    [Test]
    public void PlanJsonAndTheHashAreThoseOfBefore()
    {
        var plan = Fixed();

        Assert.Multiple(() =>
        {
            Assert.That(plan.Description, Is.EqualTo(FixedDescription));
            Assert.That(plan.Hash, Is.EqualTo(FixedHash));
        });
    }

    [Test]
    public void EveryTrainingOptionAppearsWithItsDefault()
    {
        var plan = LotteryExperiment.Create("defaults")
            .WithModel("tiny-mlp", TinyExperiment.CreateModel)
            .WithData(TinyExperiment.Splits, "blobs")
            .StoreIn("store")
            .Build();

        var training = Configuration(plan)["training"]!.AsObject();

        var defaults = new TrainingOptions();
        var properties = typeof(TrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        Assert.That(properties, Has.Count.GreaterThan(20));
        Assert.Multiple(() =>
        {
            Assert.That(training.Select(p => p.Key), Is.EquivalentTo(properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))));
            foreach (var property in properties.Where(p => p.Name != nameof(TrainingOptions.Device)))
            {
                var expected = PlanDescription.ToNode(property.GetValue(defaults))?.ToJsonString() ?? "null";
                Assert.That(training[JsonNamingPolicy.CamelCase.ConvertName(property.Name)]?.ToJsonString() ?? "null", Is.EqualTo(expected), property.Name);
            }

            Assert.That(training["device"]!.GetValue<string>(), Is.EqualTo("cpu"));
        });
    }

    [Test]
    public void TheScheduleCriterionRewindBranchesModelAndRunSettingsAreComplete()
    {
        var configuration = Configuration(Fixed());

        Assert.Multiple(() =>
        {
            Assert.That(configuration["schema"]!.GetValue<string>(), Is.EqualTo(PlanConfiguration.Schema));
            Assert.That(configuration["name"]!.GetValue<string>(), Is.EqualTo("tiny"));
            Assert.That(configuration["hash"]!.GetValue<string>(), Is.EqualTo(FixedHash));
            Assert.That(configuration["seed"]!.GetValue<ulong>(), Is.EqualTo(5));
            Assert.That(configuration["trials"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(configuration["checkpointInterval"]!.GetValue<string>(), Is.EqualTo("10it"));
            var schedule = configuration["schedule"]!.AsObject();
            Assert.That(schedule.Select(p => p.Key), Is.EquivalentTo(new[] { "type", "levels", "rate", "outputRate", "scope", "layerRates", "ignoredLayers" }));
            Assert.That(schedule["type"]!.GetValue<string>(), Is.EqualTo("iterative"));
            Assert.That(schedule["rate"]!.GetValue<double>(), Is.EqualTo(0.2));
            Assert.That(schedule["scope"]!.GetValue<string>(), Is.EqualTo("Layerwise"));
            Assert.That(configuration["criterion"]!["name"]!.GetValue<string>(), Is.EqualTo("large_final"));
            Assert.That(configuration["criterion"]!["parameters"], Is.InstanceOf<JsonObject>());
            Assert.That(configuration["rewind"]!["name"]!.GetValue<string>(), Is.EqualTo("init"));
            Assert.That(configuration["rewind"]!.AsObject().ContainsKey("capturePoint"), Is.True);
            Assert.That(configuration["branches"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("reinit"));
            Assert.That(configuration["branches"]![0]!["transforms"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("random_reinit"));
            Assert.That(configuration["model"]!.ToJsonString(), Is.EqualTo("{\"name\":\"tiny-mlp\",\"source\":\"factory\"}"));
            Assert.That(configuration.ContainsKey("shard"), Is.False);
        });
    }

    [Test]
    public void TheLibraryAndEngineVersionsArePresent()
    {
        var plan = Fixed();
        var text = PlanConfiguration.Create(plan, plan.Data.Resolve());
        var configuration = JsonNode.Parse(text)!.AsObject();

        var informational = typeof(ExperimentPlan).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Multiple(() =>
        {
            Assert.That(configuration["library"]!["name"]!.GetValue<string>(), Is.EqualTo("LotteryTickets"));
            Assert.That(configuration["library"]!["version"]!.GetValue<string>(), Is.EqualTo(informational).And.Not.Empty);
            Assert.That(text, Does.Contain($"\"version\": \"{informational}\""), "written as is, without escapes");
            Assert.That(configuration["engine"]!["torchSharp"]!.GetValue<string>(), Is.EqualTo(EngineInfo.TorchSharpVersion).And.Not.EqualTo("unknown"));
            Assert.That(configuration["engine"]!["libTorch"]!.GetValue<string>(), Is.EqualTo(EngineInfo.LibTorchVersion).And.Not.Empty);
        });
    }

    [Test]
    public void TheSamePlanGivesTheSameBytesWithoutPathsAndWithSortedKeys()
    {
        using var a = new TemporaryFolder();
        using var b = new TemporaryFolder();
        var planA = Fixed(a.Path);
        var planB = Fixed(b.Path);

        var textA = PlanConfiguration.Create(planA, planA.Data.Resolve());
        var textB = PlanConfiguration.Create(planB, planB.Data.Resolve());

        Assert.Multiple(() =>
        {
            Assert.That(textB, Is.EqualTo(textA));
            Assert.That(textA, Does.Not.Contain(a.Path).And.Not.Contain("\r"));
            Assert.That(textA, Does.EndWith("}\n").And.StartWith("{\n  \"branches\": ["));
            var keys = JsonNode.Parse(textA)!.AsObject().Select(p => p.Key).ToList();
            Assert.That(keys, Is.EqualTo(keys.Order(StringComparer.Ordinal).ToList()));
        });
    }

    [Test]
    public void InMemoryDataAreIdentifiedByTheirContents()
    {
        var other = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 448, Noise = 0.8, Seed = 4 });
        var otherSplits = new DatasetSplits(other.Slice(0, 320, "train"), other.Slice(320, 64, "validation"), other.Slice(384, 64, "test"));
        var same = Configuration(Fixed())["data"]!;
        var different = Configuration(TinyExperiment.Builder("store").WithData(otherSplits, "blobs").Build())["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(same["source"]!.GetValue<string>(), Is.EqualTo("in-memory"));
            Assert.That(same["fingerprint"]!.GetValue<string>(), Is.EqualTo("c6143dd551b4a142"));
            Assert.That(different["fingerprint"]!.GetValue<string>(), Is.Not.EqualTo("c6143dd551b4a142"));
            Assert.That(same["splits"]!["train"]!.ToJsonString(), Is.EqualTo("{\"classes\":4,\"count\":320,\"sampleShape\":[1,8,8]}"));
        });
    }

    [Test]
    public void NamedDataAreIdentifiedByTheFilesRead()
    {
        using var root = new TemporaryFolder();
        var a = WriteMnistLike(root.File("a"), 0);
        var b = WriteMnistLike(root.File("b"), 0);
        var c = WriteMnistLike(root.File("c"), 9);

        var (planA, planB, planC) = (Named(a), Named(b), Named(c));
        var (dataA, dataB, dataC) = (Configuration(planA)["data"]!, Configuration(planB)["data"]!, Configuration(planC)["data"]!);

        Assert.Multiple(() =>
        {
            Assert.That(dataA["source"]!.GetValue<string>(), Is.EqualTo("named"));
            Assert.That(dataA["name"]!.GetValue<string>(), Is.EqualTo("mnist"));
            Assert.That(dataA["official"]!.GetValue<bool>(), Is.False);
            Assert.That(dataA["validationCount"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(dataA["normalize"]!.GetValue<bool>(), Is.True);
            Assert.That(dataA["files"]!.AsObject().Select(p => p.Key), Has.Member("train-images-idx3-ubyte.gz"));
            Assert.That(planA.Description, Does.Contain($"\"files\":\"{dataA["fingerprint"]!.GetValue<string>()}\""));
            Assert.That(dataB["fingerprint"]!.ToJsonString(), Is.EqualTo(dataA["fingerprint"]!.ToJsonString()));
            Assert.That(dataC["fingerprint"]!.ToJsonString(), Is.Not.EqualTo(dataA["fingerprint"]!.ToJsonString()));
            Assert.That(dataA["splits"]!["validation"]!["count"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(dataA.ToJsonString(), Does.Not.Contain(root.Path));
        });
    }

    [Test]
    public void TheRecordIsWrittenOnceAndTheSameRecordLeavesTheFileAlone()
    {
        using var folder = new TemporaryFolder();
        var plan = Fixed(folder.Path);
        var text = PlanConfiguration.Create(plan, plan.Data.Resolve());

        var first = ConfigurationRecord.Write(folder.Path, text);
        var path = Path.Combine(folder.Path, ConfigurationRecord.FileName);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));
        var second = ConfigurationRecord.Write(folder.Path, text);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Empty);
            Assert.That(second, Is.Empty);
            Assert.That(File.ReadAllText(path), Is.EqualTo(text));
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written.AddHours(-1)));
            Assert.That(ConfigurationRecord.Read(folder.Path), Is.EqualTo(text));
        });
    }

    [Test]
    public void ARecordOfOtherVersionsIsKeptAndTheDifferencesAreReturned()
    {
        using var folder = new TemporaryFolder();
        var plan = Fixed(folder.Path);
        var text = PlanConfiguration.Create(plan, plan.Data.Resolve());
        var old = Edit(text, o => o["library"]!["version"] = "0.0.1");
        File.WriteAllText(Path.Combine(folder.Path, ConfigurationRecord.FileName), old);

        var differences = ConfigurationRecord.Write(folder.Path, text);

        Assert.Multiple(() =>
        {
            Assert.That(differences, Is.EqualTo(new[] { $"library.version: recorded \"0.0.1\", now \"{PlanConfiguration.LibraryVersion}\"" }));
            Assert.That(ConfigurationRecord.Read(folder.Path), Is.EqualTo(old));
        });
    }

    [Test]
    public void ARecordDifferingOnlyOutsideTheVersionsIsReplaced()
    {
        using var folder = new TemporaryFolder();
        var plan = Fixed(folder.Path);
        var text = PlanConfiguration.Create(plan, plan.Data.Resolve());
        File.WriteAllText(Path.Combine(folder.Path, ConfigurationRecord.FileName), Edit(text, o => o["trials"] = 1));

        var differences = ConfigurationRecord.Write(folder.Path, text);

        Assert.Multiple(() =>
        {
            Assert.That(differences, Is.EqualTo(new[] { "trials: recorded 1, now 2" }));
            Assert.That(ConfigurationRecord.Read(folder.Path), Is.EqualTo(text));
        });
    }

    private static string Edit(string text, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(text)!.AsObject();
        edit(node);
        return PlanConfiguration.Indented(node);
    }

    private static ExperimentPlan Named(string folder) => LotteryExperiment.Create("named")
        .WithModel("tiny-mlp", TinyExperiment.CreateModel)
        .WithData("mnist", new DatasetLoadOptions { Folder = folder, ValidationCount = 2 })
        .StoreIn("store")
        .Build();

    private static string WriteMnistLike(string folder, byte firstLabel)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Gzip(Images(6)));
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), Gzip(Labels(firstLabel, 1, 2, 3, 4, 5)));
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Gzip(Images(2)));
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), Gzip(Labels(6, 7)));
        return folder;
    }

    private static byte[] Images(int count)
    {
        var bytes = new byte[16 + (count * 28 * 28)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 28);
        for (var k = 16; k < bytes.Length; k++)
        {
            bytes[k] = (byte)(k % 251);
        }

        return bytes;
    }

    private static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }
}

using System.Text;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Storage;

namespace LotteryTickets.Tests.Results;

/// <summary>
/// The exact bytes of the result files and run manifests on fixed inputs (NaN, ±Infinity, -0.0, the smallest and
/// largest doubles, non-ASCII and quoted names), as the store has always written them: a store written before keeps
/// its bytes, and the manifests' hashes stay valid. Each file also reads back to what was written.
/// </summary>
public class PinnedJsonBytesTests
{
    /// <summary>The metrics file of <see cref="PinnedJsonInputs.Metrics"/>, however it is written.</summary>
    private const string ExpectedMetrics = """"
        {
          "schema": "lottery-tickets.metrics/1",
          "evaluations": [
            {
              "iteration": 0,
              "trainLoss": null,
              "validationLoss": 2.302585092994046,
              "validationAccuracy": 0.1,
              "testLoss": "Infinity",
              "testAccuracy": 0.0987
            },
            {
              "iteration": 100,
              "trainLoss": 5E-324,
              "validationLoss": "NaN",
              "validationAccuracy": 0.95,
              "testLoss": -0,
              "testAccuracy": 1
            },
            {
              "iteration": 2000000000,
              "trainLoss": "-Infinity",
              "validationLoss": 1.7976931348623157E+308,
              "validationAccuracy": 0.3333333333333333,
              "testLoss": 1E-07,
              "testAccuracy": 0.9433
            }
          ],
          "earlyStop": {
            "iteration": 0,
            "validationLoss": 2.302585092994046,
            "validationAccuracy": 0.1,
            "testAccuracy": 0.0987
          },
          "finalIteration": 2000000000,
          "finalTestAccuracy": 0.9433
        }
        """";

    [Test]
    public void MetricsAreWrittenToTheLastByte()
    {
        Assert.That(MetricsJson.ToJson(PinnedJsonInputs.Metrics), Is.EqualTo(ExpectedMetrics.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void MetricsWrittenToAStreamAreTheSameBytes()
    {
        Assert.That(ToText(s => MetricsJson.Write(PinnedJsonInputs.Metrics, s)), Is.EqualTo(ExpectedMetrics.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void ASparsityReportIsWrittenToTheLastByte()
    {
        var expected = """"
            {
              "schema": "lottery-tickets.sparsity/1",
              "total": 1000000000010,
              "remaining": 333333333340,
              "percentRemaining": 33.333333333666666,
              "layers": [
                {
                  "name": "conv1.w\u00E9ight",
                  "total": 1000000000000,
                  "remaining": 333333333333,
                  "percentRemaining": 33.3333333333
                },
                {
                  "name": "\u0441\u043B\u043E\u0439.weight",
                  "total": 3,
                  "remaining": 0,
                  "percentRemaining": 0
                },
                {
                  "name": "fc \u0022out\u0022.weight",
                  "total": 7,
                  "remaining": 7,
                  "percentRemaining": 100
                }
              ]
            }
            """";

        Assert.That(SparsityReportJson.ToJson(PinnedJsonInputs.Sparsity), Is.EqualTo(expected.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void APathWithTrainingValuesIsWrittenToTheLastByte()
    {
        var expected = """"
            {
              "schema": "lottery-tickets.instability-path/1",
              "points": [
                {
                  "alpha": 0,
                  "loss": 0.25,
                  "error": 0.1,
                  "trainLoss": -0,
                  "trainError": 0
                },
                {
                  "alpha": 0.3333333333333333,
                  "loss": "NaN",
                  "error": 0.5,
                  "trainLoss": "Infinity",
                  "trainError": 1E-300
                },
                {
                  "alpha": 1,
                  "loss": 0.125,
                  "error": 0.0625,
                  "trainLoss": 123456789.123,
                  "trainError": 1
                }
              ],
              "errorBarrier": 0.41875,
              "lossBarrier": 0.0625,
              "meanEndpointError": 0.08125,
              "trainErrorBarrier": 0.5,
              "trainLossBarrier": "Infinity"
            }
            """";

        Assert.That(InterpolationPathJson.ToJson(PinnedJsonInputs.Path), Is.EqualTo(expected.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void APathWithoutTrainingValuesLeavesThemOut()
    {
        var expected = """"
            {
              "schema": "lottery-tickets.instability-path/1",
              "points": [
                {
                  "alpha": 0,
                  "loss": 1E+21,
                  "error": 0
                },
                {
                  "alpha": 1,
                  "loss": "-Infinity",
                  "error": 1
                }
              ],
              "errorBarrier": 0.5,
              "lossBarrier": "Infinity",
              "meanEndpointError": 0.5
            }
            """";

        Assert.That(InterpolationPathJson.ToJson(PinnedJsonInputs.PathWithoutTraining), Is.EqualTo(expected.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void AnInstabilityRecordWithEveryOptionalFieldIsWrittenToTheLastByte()
    {
        var expected = """"
            {
              "schema": "lottery-tickets.instability-analysis/1",
              "trial": 1,
              "level": 3,
              "branch": "zuf\u00E4llig",
              "rewind": "0it",
              "percentWeightsRemaining": 12.7,
              "points": 31,
              "batchNormBatches": 10,
              "trainingSet": true,
              "copyASeed": "18446744073709551615",
              "copyBSeed": "0",
              "maskRewind": "100it",
              "pairedSeeds": true,
              "copyAOwnError": "NaN",
              "copyBOwnError": -0
            }
            """";

        Assert.That(InstabilityRecordJson.ToJson(PinnedJsonInputs.Record), Is.EqualTo(expected.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void AnInstabilityRecordWithoutOptionalFieldsLeavesThemOut()
    {
        var expected = """"
            {
              "schema": "lottery-tickets.instability-analysis/1",
              "trial": 0,
              "level": 0,
              "branch": "main",
              "rewind": "0it",
              "percentWeightsRemaining": 100,
              "points": 5,
              "batchNormBatches": 0,
              "trainingSet": false,
              "copyASeed": "42",
              "copyBSeed": "43"
            }
            """";

        Assert.That(InstabilityRecordJson.ToJson(PinnedJsonInputs.PlainRecord), Is.EqualTo(expected.ReplaceLineEndings(Environment.NewLine)));
    }

    [Test]
    public void ARunManifestIsWrittenToTheLastByte()
    {
        var folder = PinnedJsonInputs.ManifestFolder();
        try
        {
            var expected = """"
            {"format":1,"files":{
            "a \u0022b\u0022.bin":{"bytes":3,"sha256":"039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"},
            "empty":{"bytes":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
            "m\u00E9trics.json":{"bytes":2,"sha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}}}
            
            """";

            Assert.That(RunManifest.Create(folder).ToJson(), Is.EqualTo(expected.ReplaceLineEndings("\n")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void ThePinnedFilesReadBackToTheirValues()
    {
        var metrics = MetricsJson.Parse(MetricsJson.ToJson(PinnedJsonInputs.Metrics));
        var sparsity = SparsityReportJson.Parse(SparsityReportJson.ToJson(PinnedJsonInputs.Sparsity));
        var path = InterpolationPathJson.Parse(InterpolationPathJson.ToJson(PinnedJsonInputs.Path));
        var plainPath = InterpolationPathJson.Parse(InterpolationPathJson.ToJson(PinnedJsonInputs.PathWithoutTraining));
        var file = Path.Combine(Path.GetTempPath(), $"pinned-record-{Guid.NewGuid():N}.json");
        try
        {
            InstabilityRecordJson.Save(PinnedJsonInputs.Record, file);
            var record = InstabilityRecordJson.Read(file);
            InstabilityRecordJson.Save(PinnedJsonInputs.PlainRecord, file);
            var plainRecord = InstabilityRecordJson.Read(file);

            Assert.Multiple(() =>
            {
                Assert.That(metrics.Evaluations, Is.EqualTo(PinnedJsonInputs.Metrics.Evaluations));
                Assert.That(double.IsNegative(metrics.Evaluations[1].TestLoss), Is.True, "-0.0 keeps its sign");
                Assert.That(sparsity.Layers, Is.EqualTo(PinnedJsonInputs.Sparsity.Layers));
                Assert.That(path.Points, Is.EqualTo(PinnedJsonInputs.Path.Points));
                Assert.That(plainPath.Points, Is.EqualTo(PinnedJsonInputs.PathWithoutTraining.Points));
                Assert.That(plainPath.HasTrainingValues, Is.False);
                Assert.That(record, Is.EqualTo(PinnedJsonInputs.Record));
                Assert.That(plainRecord, Is.EqualTo(PinnedJsonInputs.PlainRecord));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ToText(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

using LotteryTickets.Torch.Tests.Reference;

namespace LotteryTickets.Torch.Tests.Devices;

/// <summary>
/// The device sweep of <see cref="DeviceAgreementGpuTests"/>, run here with the CPU as the second device: every case
/// computes, moves its inputs and results, and compares without error. Also checks that the sweep covers every
/// reference case and that its comparison catches a difference.
/// </summary>
public class DeviceAgreementTests
{
    public static IEnumerable<TestCaseData> CaseNames() => DeviceAgreementGpuTests.CaseNames();

    public static IEnumerable<TestCaseData> FactoryNames() => DeviceAgreementGpuTests.FactoryNames();

    [TestCaseSource(nameof(CaseNames))]
    public void EveryOpGivesTheSameResultWhenItsInputsAreMovedToTheCpu(string name) =>
        Assert.That(DeviceAgreement.Compare(name, Device.Cpu), Is.Null);

    [TestCaseSource(nameof(FactoryNames))]
    public void EveryFactoryGivesTheSameTensorWhenAskedForTheCpu(string name) =>
        Assert.That(DeviceAgreement.CompareFactory(name, Device.Cpu), Is.Null);

    [Test]
    public void TheSweepCoversEveryReferenceCaseAndLeavesOutOnlyFactoriesWithAReason()
    {
        var covered = DeviceAgreement.Cases.Keys.Concat(DeviceAgreement.Excluded.Keys);
        Assert.That(ReferenceCases.ByName.Keys, Is.SubsetOf(covered));
        Assert.That(DeviceAgreement.Excluded.Keys.Select(n => ReferenceCases.ByName[n].Inputs.Length), Is.All.EqualTo(0));
        Assert.That(DeviceAgreement.Excluded.Values, Is.All.Not.Empty);
        var deterministic = DeviceAgreement.Excluded.Where(e => !e.Value.StartsWith("a random draw", StringComparison.Ordinal)).Select(e => e.Key);
        Assert.That(deterministic, Is.SubsetOf(DeviceAgreement.Factories.Keys));
        Assert.That(FunctionalDeviceCases.ByName.Keys.Count(n => n.StartsWith("grad.", StringComparison.Ordinal)), Is.GreaterThan(50));
    }

    [Test]
    public void TheToleranceIsLooserForReductionsProductsAndFloat32Convolutions()
    {
        var pointwise = DeviceAgreement.ToleranceFor("unary.Exp.float32");
        var reduction = DeviceAgreement.ToleranceFor("reduce.Sum.float32");
        var convolution = DeviceAgreement.ToleranceFor("fn.conv2d.float32");
        Assert.Multiple(() =>
        {
            Assert.That(pointwise.Float32Relative, Is.EqualTo(1e-5));
            Assert.That(pointwise.Close(1.0, 1.0 + 5e-6, "float32"), Is.True);
            Assert.That(pointwise.Close(1.0, 1.0 + 5e-5, "float32"), Is.False);
            Assert.That(pointwise.Close(1.0, 1.0 + 1e-9, "float64"), Is.False);
            Assert.That(reduction.Close(1.0, 1.0 + 5e-5, "float32"), Is.True);
            Assert.That(reduction.Close(1.0, 1.0 + 5e-4, "float32"), Is.False);
            Assert.That(convolution.Close(1.0, 1.0 + 2e-3, "float32"), Is.True);
            Assert.That(DeviceAgreement.ToleranceFor("matmul.float32"), Is.EqualTo(reduction));
            Assert.That(DeviceAgreement.ToleranceFor("grad.binary.Mul"), Is.EqualTo(reduction));
        });
    }

    [Test]
    public void AResultBeyondTheToleranceIsReportedWithBothSides()
    {
        using var scope = DisposeScope.Begin();
        var cpu = ReferenceValue.FromResult(Tensor.FromArray(new[] { 1f, 2f, 3f }));
        var device = ReferenceValue.FromResult(Tensor.FromArray(new[] { 1f, 2.001f, 3f }));
        var ints = ReferenceValue.FromResult(Tensor.FromArray(new long[] { 1, 2 }));
        var otherInts = ReferenceValue.FromResult(Tensor.FromArray(new long[] { 1, 3 }));
        var tolerance = DeviceAgreement.ToleranceFor("reduce.Sum.float32");

        Assert.That(ReferenceValue.Difference(cpu, device, tolerance), Is.EqualTo("result: element 1 is 2.000999927520752 in the device but 2 in the CPU."));
        Assert.That(ReferenceValue.Difference(ints, otherInts, tolerance), Is.EqualTo("result: element 1 is 3 in the device but 2 in the CPU."));
        Assert.That(ReferenceValue.Difference(cpu, cpu, tolerance), Is.Null);
    }
}

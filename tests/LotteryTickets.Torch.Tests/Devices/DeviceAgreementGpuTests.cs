namespace LotteryTickets.Torch.Tests.Devices;

/// <summary>
/// Every bound op gives the CPU's result on the GPU: each reference case (pointwise, reductions, linear algebra,
/// shapes, joining, indexing, sorting, comparisons), each neural-network function and each op's backward pass runs
/// on the CPU and, with its inputs moved to <see cref="Device.Cuda0"/>, on the GPU; the results, moved back, agree
/// within <see cref="DeviceAgreement.ToleranceFor"/> (exactly for integers and bools). The same sweep runs on the CPU
/// in <see cref="DeviceAgreementTests"/>. Left out: random draws (a CUDA generator draws another stream) and, as
/// ops, the factories without inputs, which are checked with their device argument instead.
/// </summary>
[Category("Gpu")]
public class DeviceAgreementGpuTests
{
    public static IEnumerable<TestCaseData> CaseNames() =>
        DeviceAgreement.Cases.Keys.Order(StringComparer.Ordinal).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    public static IEnumerable<TestCaseData> FactoryNames() =>
        DeviceAgreement.Factories.Keys.Order(StringComparer.Ordinal).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    [SetUp]
    public void RequireCuda()
    {
        if (!Cuda.IsAvailable)
        {
            Assert.Ignore("No CUDA device is available.");
        }
    }

    [TestCaseSource(nameof(CaseNames))]
    public void EveryOpGivesTheCpuResultOnTheGpu(string name) =>
        Assert.That(DeviceAgreement.Compare(name, Device.Cuda0), Is.Null);

    [TestCaseSource(nameof(FactoryNames))]
    public void EveryFactoryGivesTheCpuTensorOnTheGpu(string name) =>
        Assert.That(DeviceAgreement.CompareFactory(name, Device.Cuda0), Is.Null);
}

using System.Diagnostics;
using System.Text;

namespace LotteryTickets.Package.Tests;

/// <summary>
/// Packs LotteryTickets and LotteryTickets.Datasets, then builds, runs and publishes a separate application that
/// references the packages and TorchSharp-cpu, as a user on this machine does. On a system whose libstdc++ lacks
/// GLIBCXX_3.4.32 (Debian 12), this proves the packaged build target makes TorchSharp load with no manual step.
/// </summary>
[TestFixture]
[Category("Package")]
[NonParallelizable]
public sealed class PackageConsumerTests
{
    private const string TorchSharpVersion = "0.107.0";
    private const string Library = "libLibTorchSharp.so";
    private string work = "";
    private string repository = "";
    private string configuration = "";

    [OneTimeSetUp]
    public void PackTheLibrary()
    {
        repository = FindRepository();
        configuration = TestContext.CurrentContext.TestDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        work = Path.Combine(Path.GetTempPath(), "lt-package-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var feed = Path.Combine(work, "feed");
        foreach (var project in new[] { "src/LotteryTickets.Datasets", "src/LotteryTickets", "src/LotteryTickets.Cli" })
        {
            // Built under the work folder (--artifacts-path), never into the repository's bin/ and obj/: a tool used after the
            // tests must not carry this test version into the configuration records it writes.
            Run("dotnet", $"pack \"{Path.Combine(repository, project)}\" -c {configuration} -o \"{feed}\" --artifacts-path \"{Path.Combine(work, "artifacts")}\" -nologo -v q -p:Version={Version}", repository);
        }

        var consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        var templates = Path.Combine(TestContext.CurrentContext.TestDirectory, "Consumer");
        File.WriteAllText(
            Path.Combine(consumer, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(templates, "Consumer.csproj.template")).Replace("@VERSION@", Version, StringComparison.Ordinal)
                .Replace("@TORCHSHARP@", TorchSharpVersion, StringComparison.Ordinal));
        File.Copy(Path.Combine(templates, "Program.cs.template"), Path.Combine(consumer, "Program.cs"));
        // The user's feeds plus the local one; restored packages go to a private folder, with the machine's
        // global packages folder as a fallback, so TorchSharp is not copied again and the cache is never written.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var userConfig = File.ReadAllText(Path.Combine(repository, "nuget.config"));
        File.WriteAllText(
            Path.Combine(consumer, "nuget.config"),
            userConfig.Replace("<clear />", $"<clear />\n    <add key=\"local\" value=\"{feed}\" />", StringComparison.Ordinal)
                .Replace("</configuration>", $"  <config><add key=\"globalPackagesFolder\" value=\"{Path.Combine(work, "packages")}\" /></config>\n  <fallbackPackageFolders><add key=\"machine\" value=\"{globalPackages}\" /></fallbackPackageFolders>\n</configuration>", StringComparison.Ordinal));
        Consumer = consumer;
        Feed = feed;
        GlobalPackages = globalPackages;
    }

    [OneTimeTearDown]
    public void RemoveTheWorkFolder()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Version => "0.0.0-check";

    private string Consumer { get; set; } = "";

    private string GlobalPackages { get; set; } = "";

    private string Feed { get; set; } = "";

    [Test]
    public void AConsumerBuildsAndRunsWithTheLibraryLoaded()
    {
        var build = Run("dotnet", "build -c Release -nologo", Consumer);
        var output = Run("dotnet", "bin/Release/net10.0/Consumer.dll", Consumer);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("prunable: fc1.weight,fc2.weight"));
            Assert.That(output, Does.Contain("output: 32x2"));
            Assert.That(output, Does.Contain("oneDNN cap: none"), "libc's getenv sees no oneDNN cap in a process that never opted in");
            Assert.That(output, Does.Contain("process configured: no"));
            Assert.That(output, Does.Contain("sparsity: fc1.weight=32/128,fc2.weight=8/32"), "the exact 75% in each layer");
            Assert.That(output, Does.Contain("pruned weights not +0.0: 0"), "after every step of the user's own optimizer and a to() round trip");
            Assert.That(output, Does.Contain("reloaded mask equal: True"));
        });
        ExpectTheFix(build, Path.Combine(Consumer, "bin/Release/net10.0/runtimes/linux-x64/native", Library));
    }

    [Test]
    public void APublishedConsumerRunsWithTheLibraryLoaded()
    {
        var publish = Path.Combine(Consumer, "published");
        var log = Run("dotnet", $"publish -c Release -r linux-x64 --self-contained false -o \"{publish}\" -nologo", Consumer);
        var output = Run(Path.Combine(publish, "Consumer"), "", publish);
        Assert.That(output, Does.Contain("output: 32x2"));
        ExpectTheFix(log, Path.Combine(publish, Library));
    }

    [Test]
    public void TheInstalledLotteryToolPrunesAFile()
    {
        var tools = Path.Combine(work, "tools");
        Run("dotnet", $"tool install LotteryTickets.Cli --version {Version} --tool-path \"{tools}\" --add-source \"{Feed}\" --configfile \"{Path.Combine(Consumer, "nuget.config")}\"", work);
        var weights = Path.Combine(work, "weights.safetensors");
        WriteSafeTensors(weights, "fc.weight", [0.5f, -0.1f, 0.05f, -2f], [2, 2]);
        var masks = Path.Combine(work, "masks.safetensors");
        var output = Run(Path.Combine(tools, "lottery"), $"prune --weights \"{weights}\" --criterion large_final --scope global --sparsity 0.5 --out \"{masks}\"", work);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(masks), Is.True, output);
            Assert.That(output, Does.Contain("fc.weight"));
        });
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), Library, SearchOption.AllDirectories);
        Assert.That(installed, Is.Not.Empty, "the tool carries TorchSharp's native library");
        Assert.That(GlibcxxFlags.IsWeak(File.ReadAllBytes(installed[0]), "GLIBCXX_3.4.32"), Is.True, "a tool's package is fixed for every machine");
    }

    private static void WriteSafeTensors(string path, string name, float[] values, int[] shape)
    {
        var header = $"{{\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[0,{values.Length * 4}]}}}}";
        var headerBytes = Encoding.UTF8.GetBytes(header);
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        file.Write(headerBytes);
        foreach (var v in values)
        {
            file.Write(BitConverter.GetBytes(v));
        }
    }

    private void ExpectTheFix(string log, string library)
    {
        var cached = Path.Combine(GlobalPackages, "torchsharp", TorchSharpVersion, "runtimes/linux-x64/native", Library);
        Assert.That(File.Exists(library), Is.True, library);
        var systemLacksVersion = !SystemLibStdCxxHas("GLIBCXX_3.4.32");
        Assert.Multiple(() =>
        {
            Assert.That(GlibcxxFlags.IsWeak(File.ReadAllBytes(library), "GLIBCXX_3.4.32"), Is.EqualTo(systemLacksVersion), "the output's copy");
            if (File.Exists(cached))
            {
                Assert.That(GlibcxxFlags.IsWeak(File.ReadAllBytes(cached), "GLIBCXX_3.4.32"), Is.False, "the NuGet cache is never changed");
            }

            if (systemLacksVersion)
            {
                Assert.That(log, Does.Contain("marked that requirement weak"), "one build message says so");
            }
        });
    }

    private static bool SystemLibStdCxxHas(string version)
    {
        foreach (var folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
        {
            var path = Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.ASCII.GetBytes(version + "\0")) >= 0;
            }
        }

        return false;
    }

    private static string FindRepository()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LotteryTickets.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository (LotteryTickets.sln) is not above the test folder.");
    }

    private static string Run(string program, string arguments, string folder)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's MSBuild settings must not leak into the consumer's build, which stands alone.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        // The consumer stands for a user's program: no oneDNN cap of the test host's.
        start.Environment.Remove("ONEDNN_MAX_CPU_ISA");
        start.Environment.Remove("DNNL_MAX_CPU_ISA");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{program}' did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var text = stdout.Result + stderr;
        if (process.ExitCode != 0)
        {
            Assert.Fail($"'{program} {arguments}' in {folder} exited with {process.ExitCode}:{Environment.NewLine}{text}");
        }

        return text;
    }
}

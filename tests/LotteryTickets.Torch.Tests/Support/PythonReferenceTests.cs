namespace LotteryTickets.Torch.Tests.Support;

/// <summary>A failing reference script fails the test with the script's own error, rather than passing or skipping.</summary>
public class PythonReferenceTests
{
    private static string WriteScript(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lt-pyref-test-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, source);
        return path;
    }

    [Test]
    public void AScriptThatFailsThrowsWithItsExitCodeAndStderr()
    {
        var script = WriteScript("import sys\nsys.stderr.write('the reference broke')\nsys.exit(3)\n");
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => PythonReference.Run(script, []))!;
            Assert.That(ex.Message, Does.Contain("exited with code 3").And.Contain("the reference broke"));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public void AMissingTorchModuleSaysWhatToInstall()
    {
        var script = WriteScript("raise ModuleNotFoundError(\"No module named 'torch'\")\n");
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => PythonReference.Run(script, []))!;
            Assert.That(ex.Message, Does.Contain("apt-get install python3-torch"));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public void AScriptsOutputIsReturned()
    {
        var script = WriteScript("import sys, torch\nprint(torch.__version__.split('.')[0], sys.argv[1])\n");
        try
        {
            Assert.That(PythonReference.Run(script, ["hello"]).Trim(), Is.EqualTo("1 hello").Or.EqualTo("2 hello"));
        }
        finally
        {
            File.Delete(script);
        }
    }
}

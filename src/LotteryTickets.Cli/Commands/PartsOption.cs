using System.CommandLine;
using System.Runtime.Loader;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Commands;

/// <summary>
/// The <c>--parts MyParts.dll</c> option of <c>lottery run</c> and <c>lottery prune</c>: assemblies whose public
/// <see cref="ILotteryPartsModule"/> classes register a user's parts, so that they can be named (see docs/extending.md).
/// </summary>
internal static class PartsOption
{
    /// <summary>The option, repeatable.</summary>
    /// <param name="namer">What names the parts, e.g. <c>the experiment file</c>.</param>
    /// <returns>The option.</returns>
    public static Option<string[]> Create(string namer) => new("--parts")
    {
        Description = $"An assembly of your own parts (criteria, transforms, rewind policies, schedules, models, optimizers) whose public ILotteryPartsModule classes register them, so {namer} can name them; repeat for several (see docs/extending.md).",
        HelpName = "MyParts.dll",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The built-in parts plus those the assemblies at <paramref name="paths"/> register; the built-ins alone when there are none.</summary>
    /// <param name="paths">The <c>--parts</c> values.</param>
    /// <param name="stderr">Receives a line per loaded module.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="CliFailureException">An assembly is missing, is not a .NET assembly, has no module, or registers a name twice.</exception>
    public static ComponentRegistry Load(IReadOnlyList<string> paths, TextWriter stderr)
    {
        if (paths.Count == 0)
        {
            return ComponentRegistry.BuiltIn;
        }

        var parts = ComponentRegistry.CreateDefault();
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given);
            if (!File.Exists(full))
            {
                throw new CliFailureException($"The parts assembly '{full}' given to '--parts' does not exist; check the path (build your parts project and give its .dll).");
            }

            try
            {
                var modules = parts.AddParts(AssemblyLoadContext.Default.LoadFromAssemblyPath(full));
                stderr.WriteLine($"Parts from '{full}': {string.Join(", ", modules)}.");
            }
            catch (BadImageFormatException e)
            {
                throw new CliFailureException($"The file '{full}' given to '--parts' is not a .NET assembly; give the .dll of a project that references LotteryTickets.", e);
            }
            catch (ArgumentException e)
            {
                throw new CliFailureException($"'--parts {given}': {e.Message}", e);
            }
        }

        return parts;
    }
}

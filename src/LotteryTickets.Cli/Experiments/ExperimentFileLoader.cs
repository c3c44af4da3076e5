using LotteryTickets.Cli.Configuration;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// Reads an <see cref="ExperimentFile"/> from JSON (<c>.json</c>; comments and trailing commas allowed) or YAML
/// (<c>.yaml</c>, <c>.yml</c>), chosen by the file's extension. Keys are matched ignoring case, '_' and '-';
/// unknown keys are errors that list the known ones. Every problem of the file, from unknown keys to values out
/// of range, is reported at once in one <see cref="ExperimentFileException"/>.
/// </summary>
public static class ExperimentFileLoader
{
    /// <summary>The extensions read as JSON.</summary>
    public static IReadOnlyList<string> JsonExtensions { get; } = [".json"];

    /// <summary>The extensions read as YAML.</summary>
    public static IReadOnlyList<string> YamlExtensions { get; } = [".yaml", ".yml"];

    /// <summary>Reads and validates the experiment file at <paramref name="path"/>.</summary>
    /// <param name="path">A <c>.json</c>, <c>.yaml</c> or <c>.yml</c> file.</param>
    /// <param name="parts">The registry that names the file's parts; <see langword="null"/> for the built-ins.</param>
    /// <returns>The validated experiment.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names it.</exception>
    /// <exception cref="ExperimentFileException">The file is malformed or invalid; the message lists every problem.</exception>
    public static ExperimentFile Load(string path, ComponentRegistry? parts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The experiment file '{full}' does not exist; check the path.", full);
        }

        return Parse(File.ReadAllText(full), IsYaml(full), full, parts);
    }

    /// <summary>Reads and validates an experiment from text.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="yaml">Whether the text is YAML (otherwise JSON).</param>
    /// <param name="name">The name to use in messages (e.g. the file's path).</param>
    /// <param name="parts">The registry that names the file's parts; <see langword="null"/> for the built-ins.</param>
    /// <returns>The validated experiment.</returns>
    /// <exception cref="ExperimentFileException">The text is malformed or invalid; the message lists every problem.</exception>
    public static ExperimentFile Parse(string text, bool yaml, string name = "(text)", ComponentRegistry? parts = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ConfigNode root;
        try
        {
            root = yaml ? ConfigDocumentReader.ReadYaml(text) : ConfigDocumentReader.ReadJson(text);
        }
        catch (FormatException e)
        {
            throw new ExperimentFileException(name, $"The experiment file '{name}' cannot be read: {e.Message}", e);
        }

        if (root is not ConfigMapping)
        {
            throw new ExperimentFileException(name, [$"(top level): expected a mapping of keys to values, found {root.Describe()}."]);
        }

        var errors = new List<string>();
        var file = ConfigBinder.Bind<ExperimentFile>(root, errors);
        var bindingErrors = errors.ToList();
        errors.AddRange(ExperimentFileValidator.GetErrors(file, parts).Where(e => !bindingErrors.Exists(b => SamePath(b, e))));
        if (errors.Count > 0)
        {
            throw new ExperimentFileException(name, errors);
        }

        return file;
    }

    private static bool IsYaml(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (YamlExtensions.Contains(extension))
        {
            return true;
        }

        if (JsonExtensions.Contains(extension))
        {
            return false;
        }

        throw new ExperimentFileException(
            path,
            $"The experiment file '{path}' has the extension '{extension}'; name it '.json' for JSON or '.yaml' / '.yml' for YAML.");
    }

    // A value the binder could not read keeps its default, which the validator may then report again (e.g. a
    // missing duration); keep only the binder's message for that key.
    private static bool SamePath(string bindingError, string validationError)
    {
        var a = bindingError.Split(':', 2)[0];
        var b = validationError.Split(':', 2)[0];
        return string.Equals(ConfigBinder.Normalize(a), ConfigBinder.Normalize(b), StringComparison.Ordinal);
    }
}

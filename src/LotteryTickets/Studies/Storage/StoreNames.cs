namespace LotteryTickets.Storage;

/// <summary>
/// The rules for names that become folder names in the store: experiment names and branch names must not be empty,
/// must not be <c>.</c> or <c>..</c>, and must not contain a path separator (<c>/</c> or <c>\</c>), a control character or
/// another character that is invalid in file names. Experiment hashes are letters and digits only.
/// </summary>
public static class StoreNames
{
    /// <summary>Throws unless <paramref name="name"/> is a valid experiment name.</summary>
    /// <param name="name">The experiment name.</param>
    /// <exception cref="ArgumentException">The name breaks a rule; the message names the value and the rule.</exception>
    public static void ValidateExperimentName(string name) => Validate(name, "experiment name", "lenet-imp", nameof(name));

    /// <summary>Throws unless <paramref name="name"/> is a valid branch name.</summary>
    /// <param name="name">The branch name.</param>
    /// <exception cref="ArgumentException">The name breaks a rule; the message names the value and the rule.</exception>
    public static void ValidateBranchName(string name) => Validate(name, "branch name", "reinit", nameof(name));

    /// <summary>Throws unless <paramref name="hash"/> is a valid experiment hash (letters and digits, not empty).</summary>
    /// <param name="hash">The hash.</param>
    /// <exception cref="ArgumentException">The hash breaks the rule.</exception>
    public static void ValidateHash(string hash)
    {
        if (string.IsNullOrEmpty(hash) || !hash.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"The experiment hash '{hash}' is invalid: a hash must be one or more ASCII letters and digits, e.g. '3f9a1c07'.", nameof(hash));
        }
    }

    /// <summary>Whether <paramref name="name"/> is a valid experiment or branch name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidName(string? name) => Problem(name) is null;

    /// <summary>
    /// What is wrong with <paramref name="name"/> as an experiment or branch name (the one rule for both, in the library
    /// and the <c>lottery</c> tool): a phrase such as "must not contain a path separator ('/' or '\')", or
    /// <see langword="null"/> when it is valid. Any other character is allowed, letters of every script and spaces included.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public static string? Explain(string? name) => Problem(name);

    private static void Validate(string name, string what, string example, string parameter)
    {
        var problem = Problem(name);
        if (problem is not null)
        {
            throw new ArgumentException($"The {what} '{name}' is invalid: it {problem}. Choose a name such as '{example}'.", parameter);
        }
    }

    private static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "must not be empty or blank";
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return "must not contain a path separator ('/' or '\\')";
        }

        if (name is "." or "..")
        {
            return "must not be '.' or '..'";
        }

        if (name.Any(char.IsControl) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return "must not contain control characters or characters invalid in file names";
        }

        if (name != name.Trim())
        {
            return "must not start or end with white space";
        }

        return null;
    }
}

namespace LotteryTickets.Storage;

/// <summary>
/// An experiment folder of a store belongs to another plan (its <c>plan.json</c> records another description) or to an
/// unknown one (it holds runs but no <c>plan.json</c>), so the plan must neither read nor write it. Thrown before
/// anything in the folder is read or changed; the message names the folder and both plans and says what to do.
/// </summary>
public sealed class StoreMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="folder">The experiment folder.</param>
    /// <param name="planName">The name of the plan that was to use the folder.</param>
    /// <param name="planHash">That plan's hash.</param>
    /// <param name="recordedHash">The hash of the plan recorded in the folder, or <see langword="null"/> when none is.</param>
    public StoreMismatchException(string message, string folder, string planName, string planHash, string? recordedHash)
        : base(message)
    {
        Folder = folder;
        PlanName = planName;
        PlanHash = planHash;
        RecordedHash = recordedHash;
    }

    /// <summary>Creates the exception with no details.</summary>
    public StoreMismatchException()
        : this("The experiment folder belongs to another plan.")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public StoreMismatchException(string message)
        : base(message)
    {
        Folder = PlanName = PlanHash = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StoreMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Folder = PlanName = PlanHash = string.Empty;
    }

    /// <summary>The experiment folder.</summary>
    public string Folder { get; }

    /// <summary>The name of the plan that was to use the folder.</summary>
    public string PlanName { get; }

    /// <summary>That plan's hash.</summary>
    public string PlanHash { get; }

    /// <summary>The hash of the plan recorded in the folder's <c>plan.json</c>, or <see langword="null"/> when it has none.</summary>
    public string? RecordedHash { get; }
}

using System.Globalization;
using System.Text;
using LotteryTickets.Training;

namespace LotteryTickets.Components;

/// <summary>
/// The options given to one component (the <c>key=value</c> pairs of <c>name(key=value, ...)</c>), read by its
/// factory with typed defaults: <c>o.Get("rounds", 100)</c>. Keys match ignoring case, '_' and '-'. Every key the
/// factory reads is an option the component takes: a given key that the factory does not read, a value of the wrong
/// type and a key given twice are reported together, naming the component and the option, after the factory returns.
/// </summary>
public sealed class ComponentOptions
{
    private readonly List<KeyValuePair<string, string>> given;
    private readonly List<string> known = [];
    private readonly HashSet<string> used = [];
    private readonly List<string> errors = [];
    private readonly SortedDictionary<string, object?> nonDefault = new(StringComparer.Ordinal);

    internal ComponentOptions(string kind, string name, IReadOnlyList<KeyValuePair<string, string>> given)
    {
        Kind = kind;
        Name = name;
        this.given = [.. given];
        foreach (var group in given.GroupBy(o => ComponentSpec.Simplify(o.Key)).Where(g => g.Count() > 1))
        {
            errors.Add($"The option '{group.First().Key}' of '{name}' is given twice; give it once.");
        }
    }

    /// <summary>What the component is, as a word: <c>criterion</c>, <c>transform</c>, <c>rewind policy</c> …</summary>
    public string Kind { get; }

    /// <summary>The component's registered name.</summary>
    public string Name { get; }

    /// <summary>Whether any option is given.</summary>
    public bool Any => given.Count > 0;

    /// <summary>The options read so far whose values differ from their defaults, by the keys the factory reads them with.</summary>
    internal IReadOnlyDictionary<string, object?> NonDefault => nonDefault;

    internal IReadOnlyList<string> Errors => errors;

    /// <summary>Whether the option <paramref name="key"/> is given.</summary>
    /// <param name="key">The option's name, e.g. <c>samplesPerClass</c>.</param>
    /// <returns><see langword="true"/> when it is given.</returns>
    public bool Has(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Declare(key);
        return Find(key) is not null;
    }

    /// <summary>
    /// The option <paramref name="key"/> read as a <typeparamref name="T"/>, or <paramref name="defaultValue"/> when it
    /// is not given (or cannot be read, which is reported). Supported types: <see cref="int"/>, <see cref="long"/>,
    /// <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, <see cref="TrainingDuration"/> and enums (by
    /// member name, ignoring case, '_' and '-').
    /// </summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="key">The option's name, e.g. <c>samplesPerClass</c>.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <returns>The value.</returns>
    public T Get<T>(string key, T defaultValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        Declare(key);
        if (Find(key) is not { } option)
        {
            return defaultValue;
        }

        if (TryRead(option.Value, out T value))
        {
            if (!Equals(value, defaultValue))
            {
                nonDefault[key] = value;
            }

            return value;
        }

        var (kind, hint) = Describe(typeof(T), defaultValue);
        errors.Add($"The option '{key}' of '{Name}' is '{option.Value}', which is not {kind}; give {hint}.");
        return defaultValue;
    }

    /// <summary>The given keys no read declared, as errors; called after the factory returns.</summary>
    internal void CheckUnknown()
    {
        foreach (var (key, _) in given.Where(o => !used.Contains(ComponentSpec.Simplify(o.Key))).DistinctBy(o => ComponentSpec.Simplify(o.Key)))
        {
            errors.Add(known.Count == 0
                ? $"The {Kind} '{Name}' takes no options; write '{Name}' alone."
                : $"The {Kind} '{Name}' has no option '{key}'; the known options are {string.Join(", ", known.Select(k => $"'{k}'"))}.");
        }
    }

    internal void AddError(string error) => errors.Add(error);

    private void Declare(string key)
    {
        if (used.Add(ComponentSpec.Simplify(key)))
        {
            known.Add(key);
        }
    }

    private KeyValuePair<string, string>? Find(string key)
    {
        var simple = ComponentSpec.Simplify(key);
        foreach (var option in given)
        {
            if (ComponentSpec.Simplify(option.Key) == simple)
            {
                return option;
            }
        }

        return null;
    }

    private static bool TryRead<T>(string text, out T value)
    {
        object? read = null;
        var type = typeof(T);
        if (type == typeof(string))
        {
            read = text;
        }
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            read = i;
        }
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            read = l;
        }
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            read = d;
        }
        else if (type == typeof(bool) && bool.TryParse(text, out var b))
        {
            read = b;
        }
        else if (type == typeof(TrainingDuration) && TrainingDuration.TryParse(text, out var duration))
        {
            read = duration;
        }
        else if (type.IsEnum)
        {
            read = Enum.GetNames(type).FirstOrDefault(n => ComponentSpec.Simplify(n) == ComponentSpec.Simplify(text)) is { } member
                ? Enum.Parse(type, member)
                : null;
        }

        value = read is null ? default! : (T)read;
        return read is not null;
    }

    private static (string Kind, string Hint) Describe(Type type, object? example)
    {
        if (type.IsEnum)
        {
            var names = string.Join(", ", Enum.GetNames(type).Select(n => $"'{SnakeCase(n)}'"));
            return ($"a {SnakeCase(type.Name).Replace('_', ' ')}", $"one of {names}");
        }

        var shown = example is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : example?.ToString();
        return type == typeof(int) || type == typeof(long) ? ("a whole number", $"e.g. {shown}")
            : type == typeof(double) ? ("a number", $"e.g. {shown}")
            : type == typeof(bool) ? ("true or false", "true or false")
            : type == typeof(TrainingDuration) ? ("a duration", "a duration like '2ep' or '500it'")
            : ($"a {type.Name}", $"a {type.Name}");
    }

    /// <summary><c>RandomLabels</c> as <c>random_labels</c>.</summary>
    internal static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}

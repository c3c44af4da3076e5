using System.Globalization;
using System.Reflection;

namespace LotteryTickets.Cli.Configuration;

/// <summary>
/// Binds a <see cref="ConfigNode"/> tree to plain objects by their public settable properties, collecting every
/// problem with its key path instead of stopping at the first. Keys are the properties' names in camelCase,
/// matched ignoring case, '_' and '-' (so <c>batchSize</c>, <c>batch_size</c> and <c>batch-size</c> are the same
/// key). Supported property types: string, int, long, ulong, double, bool (and their nullable forms),
/// <c>List&lt;string&gt;</c>, <c>Dictionary&lt;string, string&gt;</c> and nested classes with a parameterless
/// constructor. A null value leaves the property's default.
/// </summary>
internal static class ConfigBinder
{
    /// <summary>Binds <paramref name="node"/> to a new <typeparamref name="T"/>, adding problems to <paramref name="errors"/>.</summary>
    public static T Bind<T>(ConfigNode node, List<string> errors)
        where T : class, new() => (T)BindObject(typeof(T), node, string.Empty, errors);

    /// <summary>The key under which <paramref name="property"/> is written: its name in camelCase.</summary>
    public static string KeyOf(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    /// <summary>A key with case, '_' and '-' removed, for matching.</summary>
    public static string Normalize(string key) => new(key.Where(c => c != '_' && c != '-').Select(char.ToLowerInvariant).ToArray());

    private static object BindObject(Type type, ConfigNode node, string path, List<string> errors)
    {
        var result = Activator.CreateInstance(type)!;
        if (node is ConfigScalar { Text: null })
        {
            return result;
        }

        if (node is not ConfigMapping mapping)
        {
            errors.Add($"{Display(path)}: expected a mapping of keys to values, found {node.Describe()}.");
            return result;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var byKey = properties.ToDictionary(p => Normalize(p.Name), StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var childPath = path.Length == 0 ? key : path + "." + key;
            if (!byKey.TryGetValue(Normalize(key), out var property))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                errors.Add($"{childPath}: unknown key; the known keys {where} are {string.Join(", ", properties.Select(p => $"'{KeyOf(p)}'"))}.");
                continue;
            }

            if (seen.TryGetValue(property.Name, out var earlier))
            {
                errors.Add($"{childPath}: the key is given twice (first as '{earlier}'); keep one.");
                continue;
            }

            seen[property.Name] = key;
            if (TryBindValue(property.PropertyType, value, childPath, errors, out var bound))
            {
                property.SetValue(result, bound);
            }
        }

        return result;
    }

    private static bool TryBindValue(Type type, ConfigNode node, string path, List<string> errors, out object? value)
    {
        value = null;
        if (node is ConfigScalar { Text: null })
        {
            return false;
        }

        var underlying = Nullable.GetUnderlyingType(type);

        if (underlying is not null)
        {
            return TryBindValue(underlying, node, path, errors, out value);
        }

        if (type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double) || type == typeof(bool))
        {
            if (node is not ConfigScalar { Text: { } text })
            {
                errors.Add($"{path}: expected a single value, found {node.Describe()}.");
                return false;
            }

            return TryParseScalar(type, text, path, errors, out value);
        }

        if (type == typeof(List<string>))
        {
            if (node is not ConfigSequence sequence)
            {
                errors.Add($"{path}: expected a list, found {node.Describe()}.");
                return false;
            }

            var items = new List<string>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (sequence.Items[i] is ConfigScalar { Text: { } item })
                {
                    items.Add(item);
                }
                else
                {
                    errors.Add($"{path}[{i}]: expected a single value, found {sequence.Items[i].Describe()}.");
                }
            }

            value = items;
            return true;
        }

        if (type == typeof(Dictionary<string, string>))
        {
            if (node is not ConfigMapping mapping)
            {
                errors.Add($"{path}: expected a mapping of keys to values, found {node.Describe()}.");
                return false;
            }

            var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, entry) in mapping.Entries)
            {
                var text = entry switch
                {
                    ConfigScalar { Text: { } t } => t,
                    ConfigSequence s when s.Items.All(i => i is ConfigScalar { Text: not null }) => string.Join(",", s.Items.Select(i => ((ConfigScalar)i).Text)),
                    _ => null,
                };
                if (text is null)
                {
                    errors.Add($"{path}.{key}: expected a single value or a list of values, found {entry.Describe()}.");
                }
                else if (!dictionary.TryAdd(key, text))
                {
                    errors.Add($"{path}.{key}: the key is given twice; keep one.");
                }
            }

            value = dictionary;
            return true;
        }

        if (type == typeof(Dictionary<string, double>))
        {
            if (node is not ConfigMapping numbers)
            {
                errors.Add($"{path}: expected a mapping of names to numbers, found {node.Describe()}.");
                return false;
            }

            var dictionary = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, entry) in numbers.Entries)
            {
                if (entry is not ConfigScalar { Text: { } text })
                {
                    errors.Add($"{path}.{key}: expected a number, found {entry.Describe()}.");
                }
                else if (TryParseScalar(typeof(double), text, $"{path}.{key}", errors, out var number) && !dictionary.TryAdd(key, (double)number!))
                {
                    errors.Add($"{path}.{key}: the key is given twice; keep one.");
                }
            }

            value = dictionary;
            return true;
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            value = BindObject(type, node, path, errors);
            return true;
        }

        throw new NotSupportedException($"The configuration binder cannot bind the type '{type}' of '{path}'.");
    }

    private static bool TryParseScalar(Type type, string text, string path, List<string> errors, out object? value)
    {
        var c = CultureInfo.InvariantCulture;
        var t = text.Trim();
        (bool Ok, object? Value, string Expected) parsed = type switch
        {
            _ when type == typeof(string) => (true, text, string.Empty),
            _ when type == typeof(int) => (int.TryParse(t, NumberStyles.AllowLeadingSign, c, out var i), i, "a whole number"),
            _ when type == typeof(long) => (long.TryParse(t, NumberStyles.AllowLeadingSign, c, out var l), l, "a whole number"),
            _ when type == typeof(ulong) => (ulong.TryParse(t, NumberStyles.None, c, out var u), u, "a whole number of at least 0"),
            _ when type == typeof(double) => (double.TryParse(t, NumberStyles.Float, c, out var d) && double.IsFinite(d), d, "a number (with a '.' decimal point)"),
            _ => (bool.TryParse(t, out var b), b, "true or false"),
        };
        value = parsed.Value;
        if (!parsed.Ok)
        {
            errors.Add($"{path}: '{text}' is not {parsed.Expected}.");
        }

        return parsed.Ok;
    }

    private static string Display(string path) => path.Length == 0 ? "(top level)" : path;
}

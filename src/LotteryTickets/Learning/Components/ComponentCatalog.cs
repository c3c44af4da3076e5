using System.Runtime.CompilerServices;

namespace LotteryTickets.Components;

/// <summary>
/// The registered components of one kind (criteria, transforms, …) by name: <see cref="Register(string, Func{ComponentOptions, T})"/> adds one, and
/// <see cref="Create"/> makes one from <c>name</c> or <c>name(key=value, ...)</c>. Names are matched exactly
/// (ordinal), as the plan's description records them.
/// </summary>
/// <typeparam name="T">The component type, e.g. <c>IMaskCriterion</c>.</typeparam>
public sealed class ComponentCatalog<T>
    where T : class
{
    private readonly Dictionary<string, Registration> registrations = new(StringComparer.Ordinal);
    private readonly List<string> listed = [];
    private readonly ConditionalWeakTable<T, ComponentIdentity> identities = [];
    private readonly Func<bool> readOnly;

    internal ComponentCatalog(string kind, Func<bool> readOnly)
    {
        Kind = kind;
        this.readOnly = readOnly;
    }

    /// <summary>What the components are, as a word (<c>criterion</c>, <c>transform</c>, …), for messages.</summary>
    public string Kind { get; }

    /// <summary>The registered names, in registration order (aliases of the built-ins left out).</summary>
    public IReadOnlyList<string> Names => listed;

    /// <summary>Reads a name that is not registered as another form (e.g. <c>lr:epoch:1</c>); <see langword="null"/> when it is none.</summary>
    internal Func<string, T?>? LegacyForm { get; set; }

    /// <summary>Splits a name into a registered name and a decoration (e.g. a sign-filter suffix); <see langword="null"/> when it has none.</summary>
    internal Func<string, (string Inner, Func<T, T> Decorate)?>? Decoration { get; set; }

    /// <summary>The words that end the "unknown" message, e.g. a note on suffixes.</summary>
    internal string UnknownNote { get; set; } = string.Empty;

    /// <summary>Registers <paramref name="factory"/> under <paramref name="name"/>.</summary>
    /// <param name="name">The name files and code use, e.g. <c>my_criterion</c>; letters, digits and '_'.</param>
    /// <param name="factory">Makes the component from its options (read them with <see cref="ComponentOptions.Get{T}"/>).</param>
    /// <returns>This catalog.</returns>
    /// <exception cref="ArgumentException">The name is empty, malformed or already registered.</exception>
    /// <exception cref="InvalidOperationException">The registry is the shared built-in one.</exception>
    public ComponentCatalog<T> Register(string name, Func<ComponentOptions, T> factory) => Add(name, factory, builtIn: false, list: true);

    /// <summary>Registers <paramref name="component"/>, which takes no options, under <paramref name="name"/>.</summary>
    /// <param name="name">The name files and code use.</param>
    /// <param name="component">The component.</param>
    /// <returns>This catalog.</returns>
    public ComponentCatalog<T> Register(string name, T component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Register(name, _ => component);
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    /// <param name="name">A name.</param>
    /// <returns><see langword="true"/> when registered.</returns>
    public bool Contains(string name) => name is not null && registrations.ContainsKey(name);

    /// <summary>Makes the component <paramref name="text"/> names.</summary>
    /// <param name="text"><c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>The component.</returns>
    /// <exception cref="ArgumentException">The text is malformed, names no registered component, or its options are invalid; the message lists every problem.</exception>
    public T Create(string text)
    {
        var errors = new List<string>();
        return TryCreate(text, errors) ?? throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(text));
    }

    /// <summary>Makes the component <paramref name="text"/> names, or adds every problem to <paramref name="errors"/>.</summary>
    /// <param name="text"><c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <param name="errors">Receives every problem, each a sentence.</param>
    /// <returns>The component, or <see langword="null"/> when an error was added.</returns>
    public T? TryCreate(string? text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = (text ?? string.Empty).Trim();
        if (!registrations.ContainsKey(trimmed) && LegacyForm?.Invoke(trimmed) is { } legacy)
        {
            return legacy;
        }

        if (!ComponentSpec.TryParse(trimmed, out var spec, out var error))
        {
            errors.Add(char.ToUpperInvariant(error[0]) + error[1..]);
            return null;
        }

        return TryCreate(spec, errors);
    }

    /// <summary>Makes the component <paramref name="spec"/> names, or adds every problem to <paramref name="errors"/>.</summary>
    /// <param name="spec">The name and options.</param>
    /// <param name="errors">Receives every problem, each a sentence.</param>
    /// <returns>The component, or <see langword="null"/> when an error was added.</returns>
    public T? TryCreate(ComponentSpec spec, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(errors);
        Func<T, T>? decorate = null;
        var name = spec.Name;
        if (!registrations.TryGetValue(name, out var registration))
        {
            if (Decoration?.Invoke(name) is { } split && registrations.TryGetValue(split.Inner, out registration))
            {
                decorate = split.Decorate;
            }
            else
            {
                errors.Add($"The {Kind} '{spec.Name}' is unknown; the known {Plural} are {string.Join(", ", listed.Select(n => $"'{n}'"))}{UnknownNote}.");
                return null;
            }
        }

        var options = new ComponentOptions(Kind, registration.Name, spec.Options);
        T? component = null;
        try
        {
            component = registration.Factory(options);
        }
        catch (ArgumentException e)
        {
            // Options classes list every problem as "- ..." lines under a heading naming the class.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            var lines = message.Split(Environment.NewLine).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
            foreach (var line in lines.Count > 0 ? lines : [message])
            {
                options.AddError(line);
            }
        }

        options.CheckUnknown();
        if (options.Errors.Count > 0 || component is null)
        {
            errors.AddRange(options.Errors.Count > 0 ? options.Errors : [$"The factory of the {Kind} '{registration.Name}' returned null; it must return a component."]);
            return null;
        }

        if (decorate is not null)
        {
            component = decorate(component);
        }

        identities.AddOrUpdate(component, new ComponentIdentity(name, options.NonDefault.ToDictionary(StringComparer.Ordinal), registration.BuiltIn));
        return component;
    }

    /// <summary>How <paramref name="component"/> was made by this catalog, or <see langword="null"/> when it was not.</summary>
    internal ComponentIdentity? IdentityOf(T component) => identities.TryGetValue(component, out var identity) ? identity : null;

    internal ComponentCatalog<T> RegisterBuiltIn(string name, Func<ComponentOptions, T> factory, bool list = true) => Add(name, factory, builtIn: true, list);

    internal void CopyTo(ComponentCatalog<T> other)
    {
        foreach (var (name, registration) in registrations)
        {
            other.registrations[name] = registration;
        }

        other.listed.AddRange(listed);
        other.LegacyForm = LegacyForm;
        other.Decoration = Decoration;
        other.UnknownNote = UnknownNote;
    }

    private string Plural => Kind switch
    {
        "criterion" or "mask criterion" => "criteria",
        "rewind policy" => "rewind policies",
        "loss" => "losses",
        _ => Kind + "s",
    };

    private ComponentCatalog<T> Add(string name, Func<ComponentOptions, T> factory, bool builtIn, bool list)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (readOnly())
        {
            throw new InvalidOperationException(
                $"The built-in registry is shared and cannot change; make your own with ComponentRegistry.CreateDefault(), register the {Kind} '{name}' there and pass it to LotteryExperiment.Create(name, registry).");
        }

        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The {Kind} name '{name}' is not a name; use letters, digits and '_', e.g. 'my_{Kind.Replace(' ', '_')}'.", nameof(name));
        }

        if (!registrations.TryAdd(name, new Registration(name, factory, builtIn)))
        {
            throw new ArgumentException($"The {Kind} '{name}' is already registered; choose another name.", nameof(name));
        }

        if (list)
        {
            listed.Add(name);
        }

        return this;
    }

    private sealed record Registration(string Name, Func<ComponentOptions, T> Factory, bool BuiltIn);
}

namespace LotteryTickets.Cli.Configuration;

/// <summary>A node of a configuration document read from JSON or YAML, before it is bound to a typed object.</summary>
internal abstract record ConfigNode
{
    /// <summary>What the node is, for messages ("a value", "a list", "a mapping").</summary>
    public abstract string Describe();
}

/// <summary>A scalar: its text as written (numbers unconverted), or <see langword="null"/> for null / an empty value.</summary>
internal sealed record ConfigScalar(string? Text) : ConfigNode
{
    public override string Describe() => Text is null ? "nothing (null)" : $"the value '{Text}'";
}

/// <summary>A list of nodes.</summary>
internal sealed record ConfigSequence(IReadOnlyList<ConfigNode> Items) : ConfigNode
{
    public override string Describe() => "a list";
}

/// <summary>Keys and their nodes, in document order (duplicates kept, so the binder can report them).</summary>
internal sealed record ConfigMapping(IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries) : ConfigNode
{
    public override string Describe() => "a mapping of keys to values";
}

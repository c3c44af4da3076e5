using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LotteryTickets.Cli.Configuration;

/// <summary>Reads JSON (comments and trailing commas allowed) or YAML text into a <see cref="ConfigNode"/> tree.</summary>
internal static class ConfigDocumentReader
{
    /// <summary>Reads JSON text.</summary>
    /// <exception cref="FormatException">The text is not valid JSON; the message gives the line and position.</exception>
    public static ConfigNode ReadJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new FormatException($"it is not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Reads YAML text (the first document).</summary>
    /// <exception cref="FormatException">The text is not valid YAML; the message gives the line and column.</exception>
    public static ConfigNode ReadYaml(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? new ConfigScalar(null) : FromYaml(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            throw new FormatException(
                string.Create(CultureInfo.InvariantCulture, $"it is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}"),
                e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated constructs at the end of the text.
            throw new FormatException("it is not valid YAML: the text ends inside an unfinished construct (an unclosed '{', '[' or quote?)", e);
        }
    }

    private static ConfigNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new ConfigMapping(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value))).ToList()),
        JsonValueKind.Array => new ConfigSequence(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new ConfigScalar(element.GetString()),
        JsonValueKind.Null or JsonValueKind.Undefined => new ConfigScalar(null),
        _ => new ConfigScalar(element.GetRawText()),
    };

    private static ConfigNode FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode m => new ConfigMapping(m.Children.Select(c => KeyValuePair.Create(KeyText(c.Key), FromYaml(c.Value))).ToList()),
        YamlSequenceNode s => new ConfigSequence(s.Children.Select(FromYaml).ToList()),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is null or "" or "~" or "null" or "Null" or "NULL" => new ConfigScalar(null),
        YamlScalarNode s => new ConfigScalar(s.Value),
        _ => new ConfigScalar(null),
    };

    private static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString();

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}

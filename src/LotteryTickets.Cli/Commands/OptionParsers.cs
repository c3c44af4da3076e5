using System.CommandLine;
using System.Globalization;

namespace LotteryTickets.Cli.Commands;

/// <summary>Option factories whose values are read the same in every culture, with messages that name the option.</summary>
internal static class OptionParsers
{
    /// <summary>An optional number written with a '.' decimal point (e.g. <c>0.9</c>).</summary>
    public static Option<double?> Number(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "number",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"The value '{text}' of '{name}' is not a number; write it with a '.' decimal point, e.g. 0.9.");
            return null;
        },
    };

    /// <summary>A whole number of at least 0 (e.g. a seed).</summary>
    public static Option<ulong> Seed(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"The value '{text}' of '{name}' is not a whole number of at least 0.");
            return 0;
        },
    };

    /// <summary>A file or folder path.</summary>
    public static Option<string> Path(string name, string description, bool required, string helpName = "file") => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = required,
    };
}

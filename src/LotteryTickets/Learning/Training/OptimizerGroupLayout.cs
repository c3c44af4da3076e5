using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>One parameter group of an optimizer: its parameters in order, with their names and their optimizer states.</summary>
internal sealed record OptimizerGroupLayout(ParamGroup Group, Parameter[] Parameters, string[] Names, OptimizerState[] States)
{
    /// <summary>The groups of <paramref name="optimizer"/>, each parameter named after <paramref name="namedParameters"/>.</summary>
    /// <exception cref="ArgumentException">One of the optimizer's parameters is not among the named parameters (named after <paramref name="argument"/>).</exception>
    public static OptimizerGroupLayout[] Of(optim.Optimizer optimizer, IEnumerable<(string name, Parameter parameter)> namedParameters, string argument)
    {
        var names = new Dictionary<IntPtr, string>();
        foreach (var (name, parameter) in namedParameters)
        {
            if (parameter is not null)
            {
                names.TryAdd(parameter.Handle, name);
            }
        }

        var helper = (OptimizerHelper)optimizer;
        var states = helper.state_dict().State;
        var groups = optimizer.ParamGroups.Cast<ParamGroup>().ToArray();
        var result = new OptimizerGroupLayout[groups.Length];
        var index = 0;
        var missing = new List<string>();
        for (var g = 0; g < groups.Length; g++)
        {
            var parameters = groups[g].Parameters.ToArray();
            var groupNames = new string[parameters.Length];
            var groupStates = new OptimizerState[parameters.Length];
            for (var k = 0; k < parameters.Length; k++)
            {
                if (!names.TryGetValue(parameters[k].Handle, out var name))
                {
                    missing.Add(string.Create(CultureInfo.InvariantCulture, $"parameter {k} of group {g} (shape [{string.Join(", ", parameters[k].shape)}])"));
                    name = string.Empty;
                }

                groupNames[k] = name;
                groupStates[k] = states[index++];
            }

            result[g] = new OptimizerGroupLayout(groups[g], parameters, groupNames, groupStates);
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"The optimizer's {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not among the named parameters given; " +
                "give the named parameters of the model the optimizer was created for (the same Parameter objects).",
                argument);
        }

        return result;
    }
}

using System.Collections;
using System.Globalization;

namespace LotteryTickets.Torch.Nn;

/// <summary>
/// A chain of modules applied in order, as PyTorch's <c>nn.Sequential</c>; the children are
/// named "0", "1", … so parameters are named <c>0.weight</c>, <c>2.bias</c>, ….
/// The sequence owns its modules.
/// </summary>
public sealed class Sequential : Module, IReadOnlyList<Module>
{
    private readonly List<Module> layers = [];

    /// <summary>Creates a sequence of <paramref name="modules"/>.</summary>
    /// <param name="modules">The modules, in order of application.</param>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
        {
            Append(m);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    /// <param name="index">The position, from 0.</param>
    public Module this[int index] => layers[index];

    /// <summary>Adds <paramref name="module"/> at the end, named by its position.</summary>
    /// <param name="module">The module; the sequence owns it from then on.</param>
    /// <returns>This sequence.</returns>
    public Sequential Append(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(layers.Count.ToString(CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    /// <summary>
    /// Applies each module to the previous one's output. The intermediate outputs belong to the
    /// innermost <see cref="DisposeScope"/> (or the garbage collector), as any op's result.
    /// </summary>
    /// <param name="input">The input of the first module.</param>
    /// <returns>The last module's output (a new handle to the input when the sequence is empty).</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (layers.Count == 0)
        {
            return input.Alias();
        }

        var x = input;
        foreach (var layer in layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public IEnumerator<Module> GetEnumerator() => layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Reflection;
using System.Reflection.Emit;

namespace LotteryTickets.Tests.Architecture;

/// <summary>
/// The namespaces of an assembly and the namespaces of the same assembly each one uses, read from the compiled
/// code: base types, interfaces, attributes, fields, properties, events, signatures, locals, and every type, method
/// and field an IL instruction names. Compiler-generated nested types (lambdas, iterators, async state machines)
/// count for the type that declares them. Usings that name nothing are not dependencies.
/// </summary>
internal static class NamespaceDependencies
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    /// <summary>Each namespace of <paramref name="assembly"/> and the other namespaces of it that it uses.</summary>
    public static SortedDictionary<string, SortedSet<string>> Of(Assembly assembly)
    {
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var use = (Type? used) => Add(edges, assembly, type, used);
            use(type.BaseType);
            foreach (var i in type.GetInterfaces()) use(i);
            foreach (var a in type.GetCustomAttributesData()) use(a.AttributeType);
            foreach (var f in type.GetFields(Declared)) use(f.FieldType);
            foreach (var p in type.GetProperties(Declared)) use(p.PropertyType);
            foreach (var e in type.GetEvents(Declared)) use(e.EventHandlerType);
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method is MethodInfo info) use(info.ReturnType);
                foreach (var p in method.GetParameters()) use(p.ParameterType);
                var body = method.GetMethodBody();
                if (body is null) continue;
                foreach (var local in body.LocalVariables) use(local.LocalType);
                foreach (var member in MembersNamedBy(type, method, body.GetILAsByteArray() ?? []))
                {
                    switch (member)
                    {
                        case Type t: use(t); break;
                        case FieldInfo f: use(f.DeclaringType); use(f.FieldType); break;
                        case MethodBase m:
                            use(m.DeclaringType);
                            if (m.IsGenericMethod) foreach (var g in m.GetGenericArguments()) use(g);
                            break;
                    }
                }
            }
        }
        return edges;
    }

    private static IEnumerable<MemberInfo> MembersNamedBy(Type type, MethodBase method, byte[] il)
    {
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            var op = OpCodesByValue[value];
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType
                or OperandType.InlineTok)
            {
                var member = type.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                if (member is not null) yield return member;
            }
            position += OperandSize(op.OperandType, il, position);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int position) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };

    private static void Add(
        SortedDictionary<string, SortedSet<string>> edges, Assembly assembly, Type from, Type? to)
    {
        if (to is null) return;
        if (to.HasElementType)
        {
            Add(edges, assembly, from, to.GetElementType());
            return;
        }
        if (to.IsGenericType && !to.IsGenericTypeDefinition)
        {
            foreach (var argument in to.GetGenericArguments()) Add(edges, assembly, from, argument);
            to = to.GetGenericTypeDefinition();
        }
        if (to.IsGenericParameter || to.Assembly != assembly) return;
        var source = Outermost(from);
        var target = Outermost(to);
        if (string.IsNullOrEmpty(source.Namespace) || string.IsNullOrEmpty(target.Namespace)
            || source.Namespace == target.Namespace) return;
        if (!edges.TryGetValue(source.Namespace, out var targets))
            edges[source.Namespace] = targets = new(StringComparer.Ordinal);
        targets.Add(target.Namespace);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}

using System.Reflection;
using System.Reflection.Emit;

namespace Leaf.Tests;

/// <summary>
/// Finds, in compiled code, every place that hands libtorch a TorchSharp <c>Scalar</c> only the finalizer frees. TorchSharp
/// 0.107 turns numbers into <c>Scalar</c> objects (implicitly, and inside many of its own methods: tensor <c>+</c>'s alpha,
/// <c>square()</c>, <c>BatchNorm.forward</c>'s batch count, <c>Adam.step</c>) and passes only their handle to the native call, so a
/// collection on any thread during that call can free the Scalar while libtorch reads it (dotnet/TorchSharp#1434; here it
/// surfaced as "Unknown scalar type" from <c>eq(0)</c> in a parallel test run). The IL is read instruction by instruction:
/// <list type="bullet">
/// <item>a user-defined conversion to Scalar written in the scanned code;</item>
/// <item>a call to a TorchSharp method that makes one itself, directly or through the TorchSharp methods it calls;</item>
/// <item>a TorchSharp module or optimizer created by the scanned code whose <c>forward</c> or <c>step</c> makes one.</item>
/// </list>
/// Explicit <c>ToScalar()</c> calls are allowed: that is how held Scalars are made (<c>using var s = x.ToScalar()</c>).
/// </summary>
public static class FinalizerOnlyScalars
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields().Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => (ushort)o.Value);
    private static readonly Lazy<HashSet<MethodBase>> TorchSharpMakers = new(FindTorchSharpMakers);

    /// <summary>Every offending call in <paramref name="assembly"/> (none: empty).</summary>
    public static IReadOnlyList<ScalarLeak> In(Assembly assembly)
    {
        var makers = TorchSharpMakers.Value;
        var found = new List<ScalarLeak>();
        foreach (var method in MethodsOf(assembly))
            foreach (var (opcode, callee) in Calls(method).Distinct())
                if (Reason(opcode, callee, makers) is { } reason) found.Add(new ScalarLeak(method, reason));
        return found;
    }

    /// <summary>
    /// Every method of <paramref name="assembly"/> in a namespace starting with <paramref name="namespacePrefix"/> that calls a
    /// tensor operator (<c>+</c>, <c>-</c>, <c>*</c>, <c>/</c>) instead of the modules' arithmetic vocabulary
    /// (<c>Plus</c>, <c>Minus</c>, <c>Times</c>, <c>DividedBy</c>).
    /// </summary>
    public static IReadOnlyList<ScalarLeak> TensorOperators(Assembly assembly, string namespacePrefix) =>
        [.. from method in MethodsOf(assembly)
            where method.DeclaringType?.FullName?.StartsWith(namespacePrefix, StringComparison.Ordinal) == true
            from call in Calls(method).Distinct()
            where call.Callee is MethodInfo { Name: "op_Addition" or "op_Subtraction" or "op_Multiply" or "op_Division" } op
                && op.DeclaringType?.FullName == "TorchSharp.torch+Tensor"
            select new ScalarLeak(method, $"uses the tensor operator {call.Callee.Name}")];

    private static string? Reason(OpCode opcode, MethodBase callee, HashSet<MethodBase> makers)
    {
        if (IsConversionToScalar(callee)) return $"converts a number to a Scalar ({callee})";
        if (makers.Contains(callee)) return $"calls {callee.DeclaringType?.Name}.{callee}, which makes a Scalar it does not hold";
        var created = opcode == OpCodes.Newobj ? callee.DeclaringType : (callee as MethodInfo)?.ReturnType;
        return created is not null && IsTorchSharp(created) && UnsafeEntryPoint(created, makers) is { } entry
            ? $"creates a {created.Name}, whose {entry} makes a Scalar it does not hold"
            : null;
    }

    // The forward or step of the type or of a base type, when TorchSharp's implementation makes a Scalar.
    private static string? UnsafeEntryPoint(Type type, HashSet<MethodBase> makers)
    {
        for (var t = type; t is not null && IsTorchSharp(t); t = t.BaseType)
            foreach (var m in t.GetMethods(Declared))
                if (m.Name is "forward" or "step" && makers.Contains(m)) return $"{t.Name}.{m.Name}";
        return null;
    }

    // TorchSharp's methods that make a Scalar from a number (or from a tensor) without holding it, found to a fixed point over
    // the calls between its own methods.
    private static HashSet<MethodBase> FindTorchSharpMakers()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly;
        var calls = MethodsOf(torchSharp).ToDictionary(m => m, m => Calls(m).Select(c => c.Callee).Distinct().ToArray());
        var makers = calls.Where(kv => kv.Value.Any(MakesScalar)).Select(kv => kv.Key).ToHashSet();
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (method, callees) in calls)
                if (!makers.Contains(method) && callees.Any(makers.Contains)) grew = makers.Add(method) | grew;
        }
        return makers;
    }

    private static bool MakesScalar(MethodBase m) => IsConversionToScalar(m) || (m is MethodInfo { Name: "ToScalar" } mi && IsScalar(mi.ReturnType));

    private static bool IsConversionToScalar(MethodBase m) => m is MethodInfo { Name: "op_Implicit" or "op_Explicit" } mi && IsScalar(mi.ReturnType);

    private static bool IsScalar(Type t) => t.FullName == "TorchSharp.Scalar";

    private static bool IsTorchSharp(Type t) => t.Assembly == typeof(TorchSharp.torch).Assembly;

    private static IEnumerable<MethodBase> MethodsOf(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = [.. e.Types.OfType<Type>()]; }
        foreach (var type in types)
        {
            foreach (var m in type.GetMethods(Declared)) yield return m;
            foreach (var c in type.GetConstructors(Declared)) yield return c;
        }
    }

    // The call, callvirt and newobj instructions of a method body, with the methods they name.
    private static IEnumerable<(OpCode OpCode, MethodBase Callee)> Calls(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException) { yield break; }
        if (il is null) yield break;
        for (int i = 0; i < il.Length;)
        {
            bool twoByte = il[i] == 0xFE;
            var opcode = OpCodesByValue[twoByte ? (ushort)(0xFE00 | il[i + 1]) : il[i]];
            i += twoByte ? 2 : 1;
            if (opcode.OperandType == OperandType.InlineMethod && Resolve(method, BitConverter.ToInt32(il, i)) is { } callee) yield return (opcode, callee);
            i += OperandSize(opcode.OperandType, il, i);
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(token,
                method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException or MissingMethodException) { return null; }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}

/// <summary>A method that hands libtorch a Scalar only the finalizer frees, and how.</summary>
/// <param name="Method">The offending method (a lambda or iterator shows as its compiler-generated method).</param>
/// <param name="Reason">What it calls or converts.</param>
public sealed record ScalarLeak(MethodBase Method, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Method.DeclaringType?.FullName}.{Method.Name} {Reason}";
}

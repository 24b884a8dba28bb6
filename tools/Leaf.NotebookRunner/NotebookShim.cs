namespace Leaf.NotebookRunner;

/// <summary>
/// The support code compiled into every generated program: cell markers on standard output, and <c>display</c>,
/// named like the notebook kernel's, which prints text or emits an image for the runner to embed.
/// </summary>
public static class NotebookShim
{
    /// <summary>Starts every line the shim writes for the runner (an ASCII record separator, then a tag).</summary>
    public const string Marker = "\u001eleaf-notebook:";

    /// <summary>The marker before cell <c>n</c>'s output: <see cref="Marker"/> + <c>cell:n</c>.</summary>
    public const string CellTag = "cell:";

    /// <summary>A line carrying a base64 PNG: <see cref="Marker"/> + <c>png:</c> + base64.</summary>
    public const string ImageTag = "png:";

    /// <summary>The marker written after the last cell.</summary>
    public const string EndTag = "end";

    /// <summary>The C# source of the shim class (a static class imported with <c>using static</c>).</summary>
    public static string Source { get; } = $$"""
        static class LeafNotebookShim
        {
            public static void BeginProgram() => System.Console.SetError(System.Console.Out);

            public static void BeginCell(int number) => System.Console.WriteLine("{{Marker}}{{CellTag}}" + number);

            public static void EndProgram() => System.Console.WriteLine("{{Marker}}{{EndTag}}");

            /// Text for most values; an image for PNG bytes, a path to a .png file, or anything with ScottPlot's
            /// GetImageBytes(int width, int height, ImageFormat format) (a ScottPlot 5 Plot), rendered at width × height.
            public static void display(object? value, int width = 800, int height = 400)
            {
                switch (value)
                {
                    case null: System.Console.WriteLine("<null>"); return;
                    case byte[] bytes when IsPng(bytes): Image(bytes); return;
                    case string path when path.EndsWith(".png", System.StringComparison.OrdinalIgnoreCase) && System.IO.File.Exists(path):
                        Image(System.IO.File.ReadAllBytes(path)); return;
                    case string text: System.Console.WriteLine(text); return;
                }
                var render = value.GetType().GetMethods().FirstOrDefault(m => m.Name == "GetImageBytes"
                    && m.GetParameters() is [{ ParameterType: var w }, { ParameterType: var h }, { ParameterType.IsEnum: true }]
                    && w == typeof(int) && h == typeof(int));
                if (render is not null)
                {
                    var png = System.Enum.Parse(render.GetParameters()[2].ParameterType, "Png");
                    Image((byte[])render.Invoke(value, [width, height, png])!);
                    return;
                }
                if (value is System.Collections.IEnumerable items)
                {
                    System.Console.WriteLine("[" + string.Join(", ", items.Cast<object?>()) + "]");
                    return;
                }
                System.Console.WriteLine(value);
            }

            private static bool IsPng(byte[] bytes) => bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

            private static void Image(byte[] png) => System.Console.WriteLine("{{Marker}}{{ImageTag}}" + System.Convert.ToBase64String(png));
        }
        """;
}

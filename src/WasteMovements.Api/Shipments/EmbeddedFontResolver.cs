using PdfSharp.Fonts;

namespace WasteMovements.Api.Shipments;

/// <summary>
/// Serves the DejaVu Sans fonts embedded in this assembly (<c>WasteMovements.Fonts.DejaVuSans.ttf</c>,
/// <c>WasteMovements.Fonts.DejaVuSans-Bold.ttf</c>, from <c>Shipments/Fonts</c>) to PDFsharp, which finds no
/// system fonts on Linux. Every family resolves to DejaVu Sans, so a document never depends on the fonts
/// installed on the server; italic is simulated (no italic face is embedded).
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    /// <summary>The one instance: PDFsharp accepts a font resolver once per process, or the same instance again.</summary>
    public static readonly EmbeddedFontResolver Instance = new();

    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

    private EmbeddedFontResolver()
    {
    }

    /// <summary>Installs the resolver for PDFsharp unless it is installed already; safe to call any number of times.</summary>
    public static void Install()
    {
        lock (Instance)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"WasteMovements.Fonts.{face}.ttf")
                           ?? throw new InvalidOperationException($"Font {face} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

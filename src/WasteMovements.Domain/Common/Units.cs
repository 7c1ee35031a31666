namespace WasteMovements.Domain.Common;

/// <summary>Quantity units of the notification and movement documents (Annex V A item 15).</summary>
public static class Units
{
    public const string Tonnes = "t";
    public const string CubicMetres = "m3";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Tonnes, CubicMetres };
}

/// <summary>Means of transport (Annex V A item 11; form codes R, T, S, A, W).</summary>
public static class MeansOfTransport
{
    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { "road", "rail", "sea", "air", "inland-waterway" };
}

/// <summary>Physical characteristics and packaging types of the harmonised forms (decision VIII/18).</summary>
public static class FormCodes
{
    public static readonly IReadOnlySet<string> PhysicalStates =
        new HashSet<string> { "powdery", "solid", "viscous", "sludgy", "liquid", "gaseous", "other" };

    public static readonly IReadOnlySet<string> Packaging =
        new HashSet<string> { "drum", "wooden-barrel", "jerrican", "box", "bag", "composite", "pressure-receptacle", "bulk", "other" };
}

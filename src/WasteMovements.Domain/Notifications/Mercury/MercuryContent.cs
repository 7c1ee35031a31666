namespace WasteMovements.Domain.Notifications.Mercury;

/// <summary>Minamata Art. 11(2): a mercury waste consists of, contains, or is contaminated with mercury or mercury compounds.</summary>
public enum MercuryCategory
{
    ConsistingOf,
    Containing,
    ContaminatedWith,
}

/// <summary>
/// The mercury the waste carries: its Art. 11(2) category, the total mercury concentration in mg/kg (required for
/// "contaminated with", which is mercury waste only at or above the threshold), and, for a recovery operation, the use
/// allowed to a Party under the Convention that the recovered mercury is for (Art. 11(3)(b)).
/// </summary>
public sealed record MercuryContent(MercuryCategory Category, decimal? ConcentrationMgPerKg = null, string? AllowedUse = null);

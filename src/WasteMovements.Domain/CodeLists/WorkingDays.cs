using System.Text.Json;

namespace WasteMovements.Domain.CodeLists;

public sealed record HolidayDate(DateOnly Date, string Name);

public sealed record HolidayCalendar(string Country, string Scope, IReadOnlyList<HolidayDate> Dates);

public sealed record HolidayCalendarData(string List, string Title, IReadOnlyList<CodeListSource> Sources, string Compiled, IReadOnlyList<HolidayCalendar> Calendars);

/// <summary>
/// Working days: Monday to Friday less the public holidays of the state whose authority must act
/// (docs/procedure.md, "Control regimes"). States without a shipped calendar count weekends only.
/// </summary>
public sealed class WorkingDays
{
    private readonly Dictionary<string, HashSet<DateOnly>> _holidays;

    public WorkingDays(IEnumerable<HolidayCalendar> calendars) =>
        _holidays = calendars.ToDictionary(c => c.Country, c => c.Dates.Select(d => d.Date).ToHashSet(), StringComparer.OrdinalIgnoreCase);

    public static readonly WorkingDays Shipped = new(LoadEmbeddedData().Calendars);

    public static HolidayCalendarData LoadEmbeddedData()
    {
        using var stream = CodeListCatalog.ReadResource("holidays.json");
        return JsonSerializer.Deserialize<HolidayCalendarData>(stream, CodeListCatalog.Json)
               ?? throw new InvalidOperationException("holidays.json is empty");
    }

    public bool HasCalendar(string country) => _holidays.ContainsKey(country);

    public bool IsWorkingDay(DateOnly date, string country) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !(_holidays.TryGetValue(country, out var days) && days.Contains(date));

    /// <summary>
    /// The end of the <paramref name="count"/>th working day after the day of <paramref name="from"/> (UTC),
    /// as the instant the next day begins: a step due "within 3 working days" of a Friday is due by the end
    /// of the following Wednesday.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int count, string country)
    {
        var day = DateOnly.FromDateTime(from.UtcDateTime);
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, country)) added++;
        }

        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }
}

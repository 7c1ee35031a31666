using System.Text.Json;

namespace WasteMovements.Domain.CodeLists;

public sealed record HolidayDate(DateOnly Date, string Name);

/// <summary>One state's public holidays for the years <paramref name="FirstYear"/> to <paramref name="LastYear"/> (the years it covers).</summary>
public sealed record HolidayCalendar(string Country, string Scope, IReadOnlyList<HolidayDate> Dates, int FirstYear = 0, int LastYear = 0);

public sealed record HolidayCalendarData(string List, string Title, IReadOnlyList<CodeListSource> Sources, string Compiled, IReadOnlyList<HolidayCalendar> Calendars);

/// <summary>
/// Working days: Monday to Friday less the public holidays of the state whose authority must act
/// (docs/procedure.md, "Control regimes"). A calendar covers its years only: <see cref="Covers"/> tells whether a
/// day can be counted at all; the procedure's periods (<see cref="Notifications.Periods"/>) refuse to count a day
/// outside a calendar rather than count weekends only (decision 0010).
/// </summary>
public sealed class WorkingDays
{
    private readonly Dictionary<string, HashSet<DateOnly>> _holidays;

    private readonly Dictionary<string, (int First, int Last)> _years;

    public WorkingDays(IEnumerable<HolidayCalendar> calendars)
    {
        var list = calendars.ToArray();
        _holidays = list.ToDictionary(c => c.Country, c => c.Dates.Select(d => d.Date).ToHashSet(), StringComparer.OrdinalIgnoreCase);
        // A calendar without stated years covers the years of its dates.
        _years = list.ToDictionary(c => c.Country, c => c.FirstYear > 0
            ? (c.FirstYear, c.LastYear)
            : (c.Dates.Select(d => d.Date.Year).DefaultIfEmpty(0).Min(), c.Dates.Select(d => d.Date.Year).DefaultIfEmpty(-1).Max()), StringComparer.OrdinalIgnoreCase);
    }

    public static readonly WorkingDays Shipped = new(LoadEmbeddedData().Calendars);

    public static HolidayCalendarData LoadEmbeddedData()
    {
        using var stream = CodeListCatalog.ReadResource("holidays.json");
        return JsonSerializer.Deserialize<HolidayCalendarData>(stream, CodeListCatalog.Json)
               ?? throw new InvalidOperationException("holidays.json is empty");
    }

    public bool HasCalendar(string country) => _holidays.ContainsKey(country);

    /// <summary>The years <paramref name="country"/>'s calendar covers, or null without a calendar.</summary>
    public (int First, int Last)? YearsOf(string country) => _years.TryGetValue(country, out var y) ? y : null;

    /// <summary>Whether the shipped calendar of <paramref name="country"/> says whether <paramref name="date"/> is a working day.</summary>
    public bool Covers(string country, DateOnly date) => YearsOf(country) is { } y && date.Year >= y.First && date.Year <= y.Last;

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

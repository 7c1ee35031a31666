using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Tests.Support;

/// <summary>
/// Where every test's clock starts: never a fixed date, so that no test can be overtaken by the calendar. It is
/// the first Monday, 09:00 UTC, on or after today moved by <c>WM_TEST_CLOCK_SHIFT_DAYS</c> (default 0; CI also runs
/// the suite at +400 and -30 days), whose next two weeks hold no public holiday of the states whose working days
/// the tests count (<see cref="CountedStates"/>), and whose next three weeks stay in one calendar year. So a test
/// may count "3 working days" from Monday as Monday to Thursday and read an annual report for <see cref="Year"/>,
/// whatever the day it runs. Tests write dates as offsets from it.
/// </summary>
public static class TestStart
{
    public const string ShiftVariable = "WM_TEST_CLOCK_SHIFT_DAYS";

    public static int ShiftDays =>
        int.TryParse(Environment.GetEnvironmentVariable(ShiftVariable), out var days) ? days : 0;

    public static readonly DateTimeOffset Now = Choose(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(ShiftDays));

    public static int Year => Now.Year;

    /// <summary>The date <paramref name="days"/> after the start's day.</summary>
    public static DateOnly Day(int days) => DateOnly.FromDateTime(Now.UtcDateTime).AddDays(days);

    /// <summary>The instant at <paramref name="hour"/>:<paramref name="minute"/> UTC, <paramref name="days"/> after the start's day.</summary>
    public static DateTimeOffset At(int days, int hour = 9, int minute = 0) =>
        new(Day(days).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    /// <summary>A date as the API writes it (yyyy-MM-dd).</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An instant as a client writes it (yyyy-MM-ddTHH:mm:ssZ).</summary>
    public static string Text(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The states whose authorities act within working days in the tests.</summary>
    public static readonly string[] CountedStates = ["DE", "NL", "BE", "FR", "PL", "AT"];

    public static DateTimeOffset Choose(DateOnly from)
    {
        var holidays = WorkingDays.LoadEmbeddedData().Calendars.Where(c => CountedStates.Contains(c.Country))
            .SelectMany(c => c.Dates).Select(d => d.Date).ToHashSet();
        for (var day = from; day < from.AddYears(1); day = day.AddDays(1))
        {
            if (day.DayOfWeek != DayOfWeek.Monday || day.AddDays(21).Year != day.Year) continue;
            if (Enumerable.Range(0, 14).Any(i => holidays.Contains(day.AddDays(i)))) continue;
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        }

        throw new InvalidOperationException($"No holiday-free start for the tests within a year of {from}.");
    }
}

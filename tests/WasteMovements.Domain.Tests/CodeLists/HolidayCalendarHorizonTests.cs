using WasteMovements.Domain.CodeLists;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.CodeLists;

/// <summary>
/// A guard on the data, not on a rule: the suite also runs with the clock moved by +400 days, and a test may count
/// periods up to two years from its start, so every shipped calendar must reach that far. A calendar that ends
/// earlier makes working-day periods "calendar missing" (decision 0010) and the flow tests of that state fail on a
/// later date; this test fails first, naming the state, so the calendar is extended in time (eng/holidays).
/// </summary>
public sealed class HolidayCalendarHorizonTests
{
    private static readonly HolidayCalendarData Data = WorkingDays.LoadEmbeddedData();

    /// <summary>The latest day a test of any run may count to: the start of the +400-day run plus two years.</summary>
    private static DateOnly Horizon()
    {
        var unshifted = TestStart.Choose(DateOnly.FromDateTime(DateTime.UtcNow));
        var latestStart = new[] { unshifted.AddDays(400), TestStart.Now }.Max();
        return DateOnly.FromDateTime(latestStart.UtcDateTime).AddYears(2);
    }

    [Fact]
    public void Every_calendar_covers_the_shifted_test_runs_plus_two_years()
    {
        var horizon = Horizon();
        var shortOnes = Data.Calendars.Where(c => c.LastYear < horizon.Year)
            .Select(c => $"{c.Country} ends in {c.LastYear}").ToArray();

        Assert.True(shortOnes.Length == 0,
            $"Holiday calendars ending before {horizon:yyyy-MM-dd} (test start + 400 days + 2 years): {string.Join(", ", shortOnes)}. " +
            "Extend them in src/WasteMovements.Domain/CodeLists/Data/holidays.json (eng/holidays/README.md).");
    }

    [Fact]
    public void Every_year_a_calendar_claims_has_dates()
    {
        // lastYear raised without the year's dates would count that year as having no holidays at all.
        var gaps = Data.Calendars
            .SelectMany(c => Enumerable.Range(c.FirstYear, c.LastYear - c.FirstYear + 1)
                .Where(y => c.Dates.Count(d => d.Date.Year == y) < 3)
                .Select(y => $"{c.Country} {y}"))
            .ToArray();
        var outside = Data.Calendars
            .Where(c => c.Dates.Any(d => d.Date.Year < c.FirstYear || d.Date.Year > c.LastYear))
            .Select(c => c.Country).ToArray();

        Assert.True(gaps.Length == 0, $"Calendar years with fewer than 3 holidays: {string.Join(", ", gaps)}");
        Assert.True(outside.Length == 0, $"Calendars with dates outside firstYear-lastYear: {string.Join(", ", outside)}");
        Assert.All(Data.Calendars, c => Assert.True(c.FirstYear > 0, $"{c.Country} states no firstYear"));
    }
}

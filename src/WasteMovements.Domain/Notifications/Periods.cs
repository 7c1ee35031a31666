using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

/// <summary>The end of a period, or, when a calendar the count needs is not shipped, why a person must set it.</summary>
public sealed record PeriodEnd(DateTimeOffset? DueAt, string? CalendarMissing)
{
    public Deadline ToDeadline(string basis, bool paused = false, TimeSpan extendedBy = default) =>
        new(DueAt is { } due ? due + extendedBy : null, basis, paused, CalendarMissing);
}

/// <summary>
/// How the procedure counts its periods (docs/law.md, "Counting periods"; decision 0010). Days are UTC days.
/// A period in days runs from the day after the event to the end of its last day; under the EU regime the
/// last day rolls over Saturdays, Sundays and the public holidays of the state whose authority must act
/// (Regulation (EEC, Euratom) No 1182/71 Art. 3(1), 3(2)(b), 3(4)). Basel and OECD periods do not roll over:
/// neither instrument is an act of the Union and neither says so. A count that needs a day the shipped
/// calendars do not cover is never made on weekends alone: the period has no end and says why.
/// </summary>
public static class Periods
{
    public const string CountingArticle = "Regulation (EEC, Euratom) No 1182/71 Art. 3";

    /// <summary>
    /// The end of a period of <paramref name="days"/> days after <paramref name="eventAt"/>: the end of the last day
    /// (1182/71 Art. 3(1) second subparagraph, 3(2)(b)); with <paramref name="rollOver"/> a last day that is a Saturday,
    /// Sunday or public holiday of <paramref name="state"/> moves to the end of the next working day (Art. 3(4)).
    /// </summary>
    public static PeriodEnd Days(DateTimeOffset eventAt, int days, string state, bool rollOver, WorkingDays calendar)
    {
        var last = DateOnly.FromDateTime(eventAt.UtcDateTime).AddDays(days);
        if (!rollOver) return new PeriodEnd(EndOf(last), null);
        while (true)
        {
            if (!calendar.Covers(state, last)) return Missing(state, last, calendar);
            if (calendar.IsWorkingDay(last, state)) return new PeriodEnd(EndOf(last), null);
            last = last.AddDays(1);
        }
    }

    /// <summary>
    /// The end of the <paramref name="count"/>th working day of <paramref name="state"/> after the day of
    /// <paramref name="eventAt"/> (1182/71 Art. 3(3): only working days count; 3(1): from the day after the event).
    /// </summary>
    public static PeriodEnd WorkingDaysAfter(DateTimeOffset eventAt, int count, string state, WorkingDays calendar)
    {
        var day = DateOnly.FromDateTime(eventAt.UtcDateTime);
        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (!calendar.Covers(state, day)) return Missing(state, day, calendar);
            if (calendar.IsWorkingDay(day, state)) added++;
        }

        return new PeriodEnd(EndOf(day), null);
    }

    /// <summary>Whether a period of the regime rolls over non-working days: only EU periods (1182/71 applies to acts of the Union).</summary>
    public static bool RollsOver(ControlRegime regime) => regime == ControlRegime.Eu;

    private static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static PeriodEnd Missing(string state, DateOnly day, WorkingDays calendar)
    {
        var years = calendar.YearsOf(state);
        return new PeriodEnd(null, years is null
            ? $"calendar missing: no public-holiday calendar of {state} is shipped, so the end of this period cannot be counted; the authority sets it ({CountingArticle})"
            : $"calendar missing: the public-holiday calendar of {state} covers {years.Value.First}-{years.Value.Last}, not {day.Year}; the authority sets the end of this period ({CountingArticle})");
    }
}

using FluentValidation;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Instants and dates of the procedure lie between 2000 and 2100 (the bad-input corpus of docs/reliability.md:
/// "9999-12-31" or "0001-01-01" is a typing error or an attack, never a fact).
/// </summary>
public static class PlausibleDates
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    private const string Message = "The date is out of range (years 2000 to 2100).";

    public static IRuleBuilderOptions<T, DateTimeOffset> Plausible<T>(this IRuleBuilder<T, DateTimeOffset> rule) =>
        rule.Must(d => d.UtcDateTime.Year is >= FirstYear and <= LastYear).WithMessage(Message);

    public static IRuleBuilderOptions<T, DateOnly> Plausible<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Must(d => d.Year is >= FirstYear and <= LastYear).WithMessage(Message);
}

using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>docs/procedure.md's period table is the one the code's constants give (issue 13, "Also").</summary>
public sealed class PeriodTableTests
{
    [Fact]
    public void The_period_table_in_docs_procedure_md_is_generated_from_the_rules_constants()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "procedure.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var path = Path.Combine(dir!.FullName, "docs", "procedure.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(PeriodTable.Start, StringComparison.Ordinal);
        var end = text.IndexOf(PeriodTable.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/procedure.md lacks the period-table markers");
        var current = text[(start + PeriodTable.Start.Length)..end].Trim();

        if (Environment.GetEnvironmentVariable("WM_UPDATE_PERIOD_TABLE") == "1")
        {
            File.WriteAllText(path, text[..(start + PeriodTable.Start.Length)] + "\n" + PeriodTable.Markdown() + "\n" + text[end..]);
            return;
        }

        Assert.Equal(PeriodTable.Markdown(), current.ReplaceLineEndings("\n"));
    }
}

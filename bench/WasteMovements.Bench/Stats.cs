using System.Diagnostics;

namespace WasteMovements.Bench;

/// <summary>Latency samples in milliseconds and their percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];
    private readonly object _gate = new();

    public void Add(double ms)
    {
        lock (_gate) _samples.Add(ms);
    }

    public void AddRange(IEnumerable<double> ms)
    {
        lock (_gate) _samples.AddRange(ms);
    }

    public int Count
    {
        get { lock (_gate) return _samples.Count; }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_samples.Count == 0) return double.NaN;
            var sorted = _samples.Order().ToArray();
            var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    public static double Ms(long startTicks) => (Stopwatch.GetTimestamp() - startTicks) * 1000.0 / Stopwatch.Frequency;
}

public sealed record Row(string Measure, string Clients, string Value, string Detail);

public static class Report
{
    public static readonly List<Row> Rows = [];

    public static void Add(string measure, string clients, string value, string detail = "")
    {
        Rows.Add(new Row(measure, clients, value, detail));
        Console.WriteLine($"  {measure,-44} {clients,7}  {value,-28} {detail}");
    }

    public static string Markdown() =>
        "| measure | clients | value | detail |\n| --- | --- | --- | --- |\n" +
        string.Join("\n", Rows.Select(r => $"| {r.Measure} | {r.Clients} | {r.Value} | {r.Detail} |"));
}

using System.Text;

namespace WasteMovements.Api.Uploads;

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF, a field with a comma, quote or line break in
/// double quotes (a quote inside doubled). The first record names the columns. Each record keeps its line number and
/// its text as sent, from which its idempotency key is derived.
/// </summary>
public static class Csv
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields, string Text);

    /// <summary>The records, or the line and reason of the first malformed one (an unterminated quote).</summary>
    public static (List<Record> Records, string? Error) Parse(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        var line = 1;
        var startLine = 1;
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1; // a byte-order mark from a spreadsheet program

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (!(fields.Count == 1 && fields[0].Length == 0)) records.Add(new Record(startLine, fields.ToArray(), raw.ToString()));
            fields.Clear();
            raw.Clear();
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); raw.Append("\"\""); i++; continue; }
                if (c == '"') { quoted = false; raw.Append(c); continue; }
                if (c == '\n') line++;
                field.Append(c);
                raw.Append(c);
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    raw.Append(c);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    raw.Append(c);
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    startLine = line;
                    break;
                default:
                    field.Append(c);
                    raw.Append(c);
                    break;
            }
        }

        if (quoted) return (records, $"line {startLine}: a quoted field is not closed.");
        if (field.Length > 0 || fields.Count > 0) EndRecord();
        return (records, null);
    }
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WasteMovements.Domain.Reports.PartII;

namespace WasteMovements.Api.Reports;

/// <summary>
/// The Part II tables as one XLSX workbook, a sheet per table, written with the Open XML SDK
/// (docs/decisions/0014-xlsx-library.md). Text is written as inline strings (no shared-string table to keep in step),
/// numbers as numbers; the first row of each sheet is the table's header.
/// </summary>
public static class PartIIWorkbook
{
    /// <summary>The sheets in order: (sheet name, table of <see cref="PartIIFiles.Tables"/>). Sheet names are at most 31 characters.</summary>
    public static readonly (string Sheet, string Table)[] Sheets =
    [
        ("Exports", "exports"), ("Imports", "imports"), ("Disposals not as intended", "not-as-intended"), ("Accidents", "accidents"),
        ("Illegal traffic", "illegal-traffic"),
    ];

    public static byte[] Write(PartIITables tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, table) in Sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                var (header, rows) = PartIIFiles.Table(tables, table);
                data.AppendChild(Row(header));
                foreach (var row in rows) data.AppendChild(Row(row));
                worksheetPart.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = id++, Name = name });
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> cells)
    {
        var row = new Row();
        foreach (var value in cells)
        {
            row.AppendChild(value switch
            {
                null => new Cell(),
                decimal or int => new Cell { DataType = CellValues.Number, CellValue = new CellValue(PartIIFiles.Text(value)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? "")) },
            });
        }

        return row;
    }
}

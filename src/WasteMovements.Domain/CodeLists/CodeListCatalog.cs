using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasteMovements.Domain.CodeLists;

/// <summary>
/// The code lists of the procedure, loaded from the JSON files embedded in this assembly
/// (CodeLists/Data/*.json). Names are those of GET /api/code-lists/{list}.
/// </summary>
public sealed class CodeListCatalog
{
    public const string YCodes = "y-codes";
    public const string HCodes = "h-codes";
    public const string Operations = "operations";
    public const string BaselA = "basel-a";
    public const string BaselB = "basel-b";
    public const string OecdAmber = "oecd-amber";
    public const string OecdGreen = "oecd-green";
    public const string Countries = "countries";

    public static readonly IReadOnlyList<string> Names =
        [YCodes, HCodes, Operations, BaselA, BaselB, OecdAmber, OecdGreen, Countries];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Dictionary<string, CodeList> _lists;

    private CodeListCatalog(Dictionary<string, CodeList> lists) => _lists = lists;

    public static CodeListCatalog LoadEmbedded()
    {
        var lists = new Dictionary<string, CodeList>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Names)
        {
            lists[name] = JsonSerializer.Deserialize<CodeList>(ReadResource(name + ".json"), Json)
                          ?? throw new InvalidOperationException($"Code list {name} is empty");
        }

        return new CodeListCatalog(lists);
    }

    internal static Stream ReadResource(string fileName)
    {
        var resource = "WasteMovements.CodeLists." + fileName;
        return typeof(CodeListCatalog).Assembly.GetManifestResourceStream(resource)
               ?? throw new InvalidOperationException($"Embedded code list {resource} is missing");
    }

    public CodeList? Find(string name) => _lists.GetValueOrDefault(name);

    public CodeList this[string name] => _lists[name];

    /// <summary>Operations D13-D15, R12 and R13 are interim (EU 2024/1157 Art. 15; Basel Annex IV).</summary>
    public bool IsInterim(string operation) =>
        _lists[Operations].Find(operation)?.Attribute("interim") == "true";

    public static bool IsRecovery(string operation) => operation.StartsWith('R');
}

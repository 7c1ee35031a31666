namespace WasteMovements.Api.Tests.Contract;

/// <summary>Files of the repository the contract tests read and (with WM_UPDATE_CONTRACT=1) write.</summary>
public static class Repository
{
    /// <summary>The committed OpenAPI document: the contract clients are generated from (tests/WasteMovements.Api.Client).</summary>
    public const string ContractPath = "docs/openapi/v1.json";

    public const string ProblemTypesPath = "docs/problem-types.md";

    /// <summary>Where each run leaves the served document for eng/test.sh's lint step.</summary>
    public const string ServedCopyPath = ".artifacts/openapi/v1.json";

    public static bool Updating => Environment.GetEnvironmentVariable("WM_UPDATE_CONTRACT") == "1";

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative)).ReplaceLineEndings("\n");

    public static void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasteMovements.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (WasteMovements.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>The first line where two texts differ, to say where a committed file went stale.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right) return $"line {i + 1}:\n  committed: {left.Trim()}\n  served:    {right.Trim()}";
        }

        return "no difference";
    }
}

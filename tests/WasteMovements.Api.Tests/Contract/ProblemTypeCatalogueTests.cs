using System.Text.RegularExpressions;
using WasteMovements.Api.OpenApi;

namespace WasteMovements.Api.Tests.Contract;

/// <summary>
/// The problem-type catalogue (<see cref="ProblemTypes"/>, docs/problem-types.md, the OpenAPI document) cannot drift from the
/// code: every rule id the domain refuses with (<c>Decision.Refuse("id", "article", ...)</c>, <c>Forbid</c>, <c>new Refusal</c>)
/// and every problem type the API creates (<c>Problems.Create(status, "id", ...)</c>) is read from the source, and the catalogue
/// must hold exactly those, with the statuses they come with and every article a refusal cites literally.
/// </summary>
public sealed partial class ProblemTypeCatalogueTests
{
    private sealed record Found(string Id, string File, int? Status, string? Article);

    private static IEnumerable<(string File, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(Repository.Root, f), File.ReadAllText(f)));

    /// <summary>Every refusal the domain constructs: its rule id, status (403, 404 or 409 by its kind) and literal article.</summary>
    private static List<Found> DomainRefusals()
    {
        var found = new List<Found>();
        foreach (var (file, text) in Sources("src/WasteMovements.Domain"))
        {
            foreach (Match m in RefusalCall().Matches(text))
            {
                var call = Arguments(text, m.Index + m.Value.IndexOf('('));
                var statuses = new List<int>();
                if (m.Groups["verb"].Value == "Forbid" || call.Contains("RefusalKind.NotPermitted")) statuses.Add(403);
                if (call.Contains("RefusalKind.NotFound")) statuses.Add(404);
                if (statuses.Count == 0 || call.Contains("RefusalKind.RuleViolated")) statuses.Add(409);
                var article = ArticleLiteral().Match(call[(call.IndexOf(',') + 1)..]) is { Success: true } a ? Regex.Unescape(a.Groups[1].Value) : null;
                foreach (var status in statuses) found.Add(new Found(m.Groups["id"].Value, file, status, article));
            }
        }

        return found;
    }

    /// <summary>Every problem type the API layer creates (not the domain's refusals), with its status where it is a literal.</summary>
    private static List<Found> ApiProblems()
    {
        var found = new List<Found>();
        foreach (var (file, text) in Sources("src/WasteMovements.Api").Where(s => !s.File.Contains("OpenApi")))
        {
            foreach (Match m in ProblemsCreate().Matches(text))
            {
                int? status = int.TryParse(m.Groups["status"].Value, out var s) ? s : null;
                found.Add(new Found(m.Groups["id"].Value, file, status, null));
            }

            foreach (Match m in TypeBasePlus().Matches(text)) found.Add(new Found(m.Groups["id"].Value, file, 400, null));
            if (text.Contains("Problems.NotFound(")) found.Add(new Found("not-found", file, 404, null));
            if (text.Contains("Problems.NotConcerned(")) found.Add(new Found("not-concerned", file, 403, null));
        }

        return found;
    }

    /// <summary>
    /// Every refusal by a rule the API layer constructs itself (<c>new Refusal("id", "article", ...)</c> or with a constant id
    /// declared in the same file): the exchange's key rules and <c>served-by-another-node</c>.
    /// </summary>
    private static List<Found> ApiRefusals()
    {
        var found = new List<Found>();
        foreach (var (file, text) in Sources("src/WasteMovements.Api").Where(s => !s.File.Contains("OpenApi")))
        {
            foreach (Match m in ApiRefusal().Matches(text))
            {
                var id = m.Groups["id"].Success ? m.Groups["id"].Value
                    : ConstantOf(m.Groups["const"].Value).Match(text) is { Success: true } c ? c.Groups[1].Value : $"unresolved constant {m.Groups["const"].Value}";
                var call = Arguments(text, m.Index + m.Value.IndexOf('('));
                var status = call.Contains("RefusalKind.NotPermitted") ? 403 : call.Contains("RefusalKind.NotFound") ? 404 : 409;
                var article = ArticleLiteral().Match(call[(call.IndexOf(',') + 1)..]) is { Success: true } a ? Regex.Unescape(a.Groups[1].Value) : null;
                found.Add(new Found(id, file, status, article));
            }
        }

        return found;
    }

    private static Regex ConstantOf(string name) => new($"""const\s+string\s+{Regex.Escape(name)}\s*=\s*"([a-z][a-z0-9-]*)"\s*;""");

    /// <summary>The rules by which the exchange's receiver refuses a fact batch (<c>Refuse("exchange-...", reason, ...)</c>); not HTTP problems.</summary>
    private static HashSet<string> BatchRefusalsInCode() =>
        Sources("src/WasteMovements.Api/Exchange").SelectMany(s => BatchRefusal().Matches(s.Text)).Select(m => m.Groups["id"].Value).ToHashSet();

    [Fact]
    public void Every_batch_refusal_of_the_receiver_is_documented_and_nothing_else()
    {
        var inCode = BatchRefusalsInCode();
        // A guard for the guard: the receiver's known refusals are found.
        Assert.Contains("exchange-bad-signature", inCode);
        Assert.Contains("exchange-chain-broken", inCode);
        var documented = ProblemTypes.BatchRefusals.Select(r => r.Rule).ToHashSet();
        // exchange-origin-not-entitled is refused with the domain's rule id (FactOrigins.Rule) besides its literal use.
        Assert.True(!inCode.Except(documented).Any(), "Not in ProblemTypes.BatchRefusals: " + string.Join(", ", inCode.Except(documented)));
        Assert.True(!documented.Except(inCode).Any(), "In ProblemTypes.BatchRefusals but refused nowhere: " + string.Join(", ", documented.Except(inCode)));
        Assert.All(ProblemTypes.BatchRefusals, r => Assert.False(string.IsNullOrWhiteSpace(r.Meaning) || string.IsNullOrWhiteSpace(r.Action), r.Rule));
        Assert.Contains("Refusals of a fact batch from another node", ProblemTypes.Markdown());
    }

    [Fact]
    public void The_source_is_read()
    {
        // A guard for the guard: the patterns still find the refusals and problems the code is known to have.
        var domain = DomainRefusals().Select(f => f.Id).ToHashSet();
        Assert.Contains("ban-amendment", domain);
        Assert.Contains("not-concerned", domain);
        Assert.Contains("retention-period-running", domain);
        Assert.True(domain.Count >= 60, $"only {domain.Count} rules found");
        var api = ApiProblems().Select(f => f.Id).ToHashSet();
        Assert.Contains("version-mismatch", api);
        Assert.Contains("validation", api);
        Assert.Contains("database-unavailable", api);
        var refusals = ApiRefusals().Select(f => f.Id).ToList();
        Assert.Contains("key-exists", refusals);
        // A refusal whose id is a constant (FactExchange.ServedByAnotherNode) is resolved, not skipped.
        Assert.Contains("served-by-another-node", refusals);
        Assert.DoesNotContain(refusals, r => r.StartsWith("unresolved", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_rule_and_problem_in_the_code_is_in_the_catalogue_and_nothing_else()
    {
        var inCode = DomainRefusals().Concat(ApiRefusals()).Concat(ApiProblems()).Select(f => f.Id).ToHashSet();
        var catalogued = ProblemTypes.All.Where(p => p.Type.StartsWith(WasteMovements.Api.Infrastructure.Problems.TypeBase, StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
        Assert.True(!inCode.Except(catalogued).Any(), "Not in ProblemTypes.All: " + string.Join(", ", inCode.Except(catalogued)));
        Assert.True(!catalogued.Except(inCode).Any(), "In ProblemTypes.All but nowhere in the code: " + string.Join(", ", catalogued.Except(inCode)));
    }

    [Fact]
    public void Each_type_has_the_statuses_and_articles_the_code_gives_it()
    {
        var problems = new List<string>();
        foreach (var f in DomainRefusals().Concat(ApiRefusals()).Concat(ApiProblems()))
        {
            var entry = ProblemTypes.Find(f.Id)!;
            if (f.Status is { } status && !entry.Statuses.Contains(status)) problems.Add($"{f.Id} ({f.File}) answers {status}, the catalogue says {string.Join("/", entry.Statuses)}");
            if (f.Article is { } article && !entry.Articles.Contains(article)) problems.Add($"{f.Id} ({f.File}) cites \"{article}\", not among its catalogued articles");
        }

        foreach (var rule in DomainRefusals().Concat(ApiRefusals()).Select(f => f.Id).Distinct())
        {
            if (!ProblemTypes.Find(rule)!.IsRule) problems.Add($"{rule} is a rule of the domain (rule and article) but not catalogued as one");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_type_says_what_it_means_and_what_to_do_and_every_rule_its_article()
    {
        Assert.All(ProblemTypes.All, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Meaning), p.Id);
            Assert.False(string.IsNullOrWhiteSpace(p.Action), p.Id);
            if (p.IsRule) Assert.NotEmpty(p.Articles);
        });
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(p => p.Id).Distinct().Count());
        Assert.All(ApiOperations.All.SelectMany(o => o.Refusals), rule => Assert.NotNull(ProblemTypes.Find(rule)));
    }

    /// <summary>The text of a call's argument list, from its opening parenthesis (string literals skipped).</summary>
    private static string Arguments(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++) if (text[i] == '\\') i++;
                continue;
            }

            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return text[(open + 1)..i];
        }

        return text[(open + 1)..];
    }

    [GeneratedRegex("""\b(?<verb>Refuse|Forbid|Refusal|new)\(\s*"(?<id>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\s*,""")]
    private static partial Regex RefusalCall();

    [GeneratedRegex("""\bnew\s+Refusal\(\s*(?:"(?<id>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"|(?<const>[A-Z]\w*))\s*,""")]
    private static partial Regex ApiRefusal();

    [GeneratedRegex("""\bRefuse\(\s*"(?<id>exchange-[a-z0-9-]+)"\s*,""")]
    private static partial Regex BatchRefusal();

    [GeneratedRegex("""^\s*"((?:[^"\\]|\\.)*)"\s*,""")]
    private static partial Regex ArticleLiteral();

    [GeneratedRegex("""Problems\.Create\(\s*(?:StatusCodes\.Status(?<status>\d{3})\w*|[\w.]+)\s*,\s*"(?<id>[a-z][a-z0-9-]*)"\s*,""")]
    private static partial Regex ProblemsCreate();

    [GeneratedRegex("""TypeBase\s*\+\s*"(?<id>[a-z][a-z0-9-]*)"\s*""")]
    private static partial Regex TypeBasePlus();
}

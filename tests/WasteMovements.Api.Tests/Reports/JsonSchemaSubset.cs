using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WasteMovements.Api.Tests.Reports;

/// <summary>
/// A validator for the JSON Schema (2020-12) keywords the committed open-data schema uses: type, const, required,
/// properties, additionalProperties (false), items, pattern, minLength, minimum, maximum, format date-time. Any other
/// keyword fails loudly, so the schema cannot grow a rule this check silently skips. No package: the project prefers none.
/// </summary>
public static class JsonSchemaSubset
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description"];
    private static readonly HashSet<string> Supported =
        ["type", "const", "required", "properties", "additionalProperties", "items", "pattern", "minLength", "minimum", "maximum", "format"];

    public static IReadOnlyList<string> Errors(JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(schema.AsObject(), value, "$", errors);
        return errors;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        foreach (var (keyword, _) in schema)
        {
            if (!Annotations.Contains(keyword) && !Supported.Contains(keyword)) throw new NotSupportedException($"schema keyword '{keyword}' at {path}");
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value)) errors.Add($"{path}: expected {constant.ToJsonString()}");
        if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value?.GetValueKind().ToString() ?? "null"}");
            return;
        }

        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>())) errors.Add($"{path}: missing {required}");
            }

            var properties = schema["properties"]?.AsObject();
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is JsonObject sub) Check(sub, child, $"{path}.{name}", errors);
                else if (schema["additionalProperties"]?.GetValue<bool>() == false) errors.Add($"{path}: unexpected property {name}");
            }
        }

        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++) Check(items, array[i], $"{path}[{i}]", errors);
        }

        if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(s, pattern)) errors.Add($"{path}: '{s}' does not match {pattern}");
            if (schema["minLength"]?.GetValue<int>() is { } min && s.Length < min) errors.Add($"{path}: shorter than {min}");
            if (schema["format"]?.GetValue<string>() == "date-time" && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{path}: '{s}' is not a date-time");
            }
        }

        if (value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var d = n.GetValue<decimal>();
            if (schema["minimum"]?.GetValue<decimal>() is { } lo && d < lo) errors.Add($"{path}: {d} below {lo}");
            if (schema["maximum"]?.GetValue<decimal>() is { } hi && d > hi) errors.Add($"{path}: {d} above {hi}");
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String,
        "number" => value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == System.Text.Json.JsonValueKind.Number && i.GetValue<decimal>() % 1 == 0,
        "boolean" => value is JsonValue b && b.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
        _ => throw new NotSupportedException($"type {type}"),
    };
}

using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Exchange;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>
/// The API host as the node serving NL (issue 17), on its own database and the real broker (<see cref="Broker"/>), with
/// two peers, DE and BE, played by the tests: they hold those authorities' private keys and sign batches as their nodes
/// would. The node names carry a suffix of this run, so that the queues are this host's alone on a shared broker.
/// </summary>
public sealed class ExchangeHost : ApiFixture
{
    public static readonly string Run = Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
    public static readonly string Node = $"NL{Run}";
    public static readonly string NodeDe = $"DE{Run}";
    public static readonly string NodeBe = $"BE{Run}";

    public ECDsa NlKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ECDsa DeKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ECDsa BeKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    /// <summary>A key no node knows.</summary>
    public ECDsa StrangerKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Exchange:Node"] = Node,
        ["Exchange:States:0"] = "NL",
        ["Exchange:Broker"] = Broker.Uri,
        ["Exchange:SigningKeys:0:State"] = "NL",
        ["Exchange:SigningKeys:0:Kid"] = $"NL-{Run}",
        ["Exchange:SigningKeys:0:PrivateKeyPem"] = NlKey.ExportPkcs8PrivateKeyPem(),
        ["Exchange:Peers:0:Node"] = NodeDe,
        ["Exchange:Peers:0:States:0"] = "DE",
        ["Exchange:Peers:0:Keys:0:State"] = "DE",
        ["Exchange:Peers:0:Keys:0:Kid"] = $"DE-{Run}",
        ["Exchange:Peers:0:Keys:0:PublicKeyPem"] = DeKey.ExportSubjectPublicKeyInfoPem(),
        ["Exchange:Peers:1:Node"] = NodeBe,
        ["Exchange:Peers:1:States:0"] = "BE",
        ["Exchange:Peers:1:Keys:0:State"] = "BE",
        ["Exchange:Peers:1:Keys:0:Kid"] = $"BE-{Run}",
        ["Exchange:Peers:1:Keys:0:PublicKeyPem"] = BeKey.ExportSubjectPublicKeyInfoPem(),
    };

    public string KidOf(string state) => $"{state}-{Run}";

    public string NodeOf(string state) => state switch { "DE" => NodeDe, "BE" => NodeBe, _ => Node };

    public ECDsa KeyOf(string state) => state switch { "DE" => DeKey, "BE" => BeKey, _ => NlKey };

    /// <summary>A batch as the origin's node writes it (FactBatch.Compose, the node's own code) and signs it.</summary>
    public (SignedFactBatch Message, string Hash) Batch(string origin, string notification, long seq, string previous, IReadOnlyList<object> facts,
        Dictionary<string, long>? known = null, ECDsa? signWith = null, string? kid = null, string role = "authority")
    {
        var (body, hash) = FactBatch.Compose(Store.Options.Serializer(), notification, NodeOf(origin), origin, seq, previous, facts, role,
            Clock.GetUtcNow(), known ?? new Dictionary<string, long>());
        return (Sign(body, signWith ?? KeyOf(origin), kid ?? KidOf(origin)), hash);
    }

    public static SignedFactBatch Sign(string body, ECDsa key, string kid) =>
        new(body, kid, ExchangeKeys.Base64Url(key.SignData(System.Text.Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));

    /// <summary>Receives a batch as this node's queue does: the same handler, in a transaction of its own, here and now.</summary>
    public async Task ReceiveAsync(SignedFactBatch message)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message);
    }

    public async Task<IReadOnlyList<RefusedFactBatch>> RefusalsAsync(string rule)
    {
        await using var session = Store.QuerySession();
        return await session.Query<RefusedFactBatch>().Where(r => r.Rule == rule).ToListAsync();
    }

    public static string Genesis => ExchangeChain.Genesis;
}

[CollectionDefinition(Name)]
public sealed class ExchangeCollection : ICollectionFixture<ExchangeHost>
{
    public const string Name = "exchange-node";
}

using System.Security.Cryptography;
using System.Text;

namespace WasteMovements.Domain.Exchange;

/// <summary>
/// The exchange chain (docs/exchange.md): each state that decides on a notification numbers its fact batches 1, 2, 3...
/// and chains them, so that a receiving node can prove that its copy holds every batch of that origin, unchanged and in
/// order, up to the head the origin signed. One chain per notification and origin state: each authority decides its own
/// part of the procedure (Basel Art. 6(2)-(4)) and can do so while another node is down, so there is no single sequence.
/// </summary>
public static class ExchangeChain
{
    /// <summary>The previous hash of an origin's first batch on a notification.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256 over the previous hash, the notification, the origin state, the sequence number and the facts exactly as sent.</summary>
    public static string Hash(string previous, string notification, string originState, long seq, string factsJson)
    {
        var text = $"{previous}\n{notification}\n{originState}\n{seq}\n{factsJson}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>What a receiver does with a batch of an origin, given the last one it applied (seq and hash; 0 and genesis before the first).</summary>
    public static BatchPlace Place(long lastSeq, string lastHash, long seq, string previous, string hash, string recomputed)
    {
        if (hash != recomputed) return BatchPlace.Broken;
        if (seq <= lastSeq) return BatchPlace.AlreadyApplied;
        if (seq > lastSeq + 1) return BatchPlace.Early;
        return previous == lastHash ? BatchPlace.Next : BatchPlace.Broken;
    }

    /// <summary>
    /// Recomputes an origin's chain over its batches in sequence order (each: seq, previous, hash, facts as sent) and
    /// returns the head, or the first sequence number at which the chain does not hold.
    /// </summary>
    public static ChainCheck Verify(string notification, string originState, IEnumerable<(long Seq, string Previous, string Hash, string FactsJson)> batches)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var b in batches.OrderBy(b => b.Seq))
        {
            if (b.Seq != expected || b.Previous != previous || Hash(previous, notification, originState, b.Seq, b.FactsJson) != b.Hash)
            {
                return new ChainCheck(expected - 1, previous, b.Seq);
            }

            previous = b.Hash;
            expected++;
        }

        return new ChainCheck(expected - 1, previous, null);
    }
}

/// <summary>Where a received batch stands in its origin's chain.</summary>
public enum BatchPlace
{
    /// <summary>The next one: applied now.</summary>
    Next,
    /// <summary>A gap before it: held until the missing batches arrive.</summary>
    Early,
    /// <summary>Its number was applied already: a redelivery or a replay, never applied twice.</summary>
    AlreadyApplied,
    /// <summary>Its hash is not what its content gives, or it does not follow the last applied batch.</summary>
    Broken,
}

/// <summary>The result of recomputing a chain: how many batches hold, the head they give, and the first that does not hold (null: all hold).</summary>
public sealed record ChainCheck(long Seq, string Head, long? BrokenAt)
{
    public bool Holds => BrokenAt is null;
}

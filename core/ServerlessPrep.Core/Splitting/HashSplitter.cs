using System.IO.Hashing;
using System.Text;

namespace ServerlessPrep.Core.Splitting;

using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Deterministic hash split: u = top 53 bits of XxHash64(UTF-8 group key + UTF-8 salt) / 2⁵³ ∈ [0, 1);
/// u &lt; train → train, u &lt; train + validation → validation, else test (ratios normalized to sum 1).
/// The same key gets the same split in any process, batch or object.
/// </summary>
public sealed class HashSplitter
{
    private readonly double _train;
    private readonly double _trainOrValidation;

    public HashSplitter(SplitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var total = spec.Train + spec.Validation + spec.Test;
        if (spec.Train < 0 || spec.Validation < 0 || spec.Test < 0 || !(total > 0))
        {
            throw new ArgumentException($"Split ratios must be non-negative with a positive sum (train {spec.Train}, validation {spec.Validation}, test {spec.Test}).", nameof(spec));
        }

        _train = spec.Train / total;
        _trainOrValidation = (spec.Train + spec.Validation) / total;
        Salt = spec.Salt;
    }

    public string Salt { get; }

    /// <summary>The split of a group key (e.g. an entity id as text).</summary>
    public string ForKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ForHash(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key + Salt)));
    }

    /// <summary>The split of a hash of (key bytes + salt bytes).</summary>
    public string ForHash(ulong hash)
    {
        var u = StableHash.ToUnitInterval(hash);
        return u < _train ? SplitNames.Train : u < _trainOrValidation ? SplitNames.Validation : SplitNames.Test;
    }
}

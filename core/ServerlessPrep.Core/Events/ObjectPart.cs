namespace ServerlessPrep.Core.Events;

/// <summary>
/// One part of a large object (a range of Parquet row groups), carried by the part messages a fanned-out object sends to its
/// deployment's work queue. Parts of one run share <see cref="RunId"/> (the object's processing run).
/// </summary>
/// <param name="RunId">The object run that planned the parts; a part of an older run is skipped.</param>
/// <param name="Phase">1 = profile the range; 2 = prepare and write it with the object's single transform state.</param>
/// <param name="Index">0-based part number.</param>
/// <param name="Count">Parts of the object.</param>
/// <param name="FirstRowGroup">First row group of the part.</param>
/// <param name="RowGroups">Row groups in the part.</param>
/// <param name="FirstRow">Row number (in the whole object) of the part's first row.</param>
/// <param name="Rows">Rows in the part.</param>
public sealed record ObjectPart(string RunId, int Phase, int Index, int Count, int FirstRowGroup, int RowGroups, long FirstRow, long Rows)
{
    public const int ProfilePhase = 1;

    public const int PreparePhase = 2;

    public override string ToString() => $"part {Index + 1} of {Count} (phase {Phase}, row groups {FirstRowGroup}..{FirstRowGroup + RowGroups - 1})";
}

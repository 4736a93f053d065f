namespace ServerlessPrep.Core.Reading;

/// <summary>Maps a Parquet.Net CLR value onto the storage of a <see cref="Data.DataKind"/>; false = read as missing and counted.</summary>
internal interface IParquetValueConverter<TSource, TTarget>
{
    static abstract bool TryConvert(TSource value, out TTarget result);
}

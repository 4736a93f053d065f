using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>One object's profile, as the processor uses it: statistics for fitting, binary for the KV store, JSON (with the quality report) for people.</summary>
internal sealed class ObjectProfile
{
    public ObjectProfile(DatasetProfile profile)
    {
        Profile = profile;
        Statistics = profile.Columns.ToDictionary(c => c.Name, c => (IColumnStatistics)c, StringComparer.Ordinal);
    }

    public DatasetProfile Profile { get; }

    public long RowCount => Profile.RowCount;

    public IReadOnlyDictionary<string, IColumnStatistics> Statistics { get; }

    public byte[] ToBinary() => ProfileBinarySerializer.Serialize(Profile);

    public byte[] ToJson(string dataset, string objectKey, QualityCounters quality, MonitoringVerdict? monitoring = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", dataset);
            w.WriteString("object", objectKey);
            w.WritePropertyName("profile");
            w.WriteRawValue(ProfileJsonWriter.ToJson(Profile, indented: false));
            w.WritePropertyName("quality");
            QualityReportJson.Write(w, quality);
            if (monitoring is { IsEmpty: false })
            {
                w.WritePropertyName("monitoring");
                JsonSerializer.Serialize(w, monitoring, CoreJsonContext.Readable.MonitoringVerdict);
            }
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

using System.Globalization;
using System.Text;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.Cli.Demo;

/// <summary>
/// Writes the demo lake: three datasets in three formats, several partitions, and the dirt real lakes have
/// (nulls, outliers, negative amounts, duplicate orders, messy text, a truncated Parquet file, a ragged CSV).
/// </summary>
internal static class DemoLake
{
    public const string Marker = ".serverlessprep-demo";

    public static async Task CreateAsync(string directory, CancellationToken cancellationToken)
    {
        var lake = Path.Combine(directory, "lake");
        await WriteSalesAsync(Path.Combine(lake, "sales"), cancellationToken).ConfigureAwait(false);
        await WriteCustomersAsync(Path.Combine(lake, "customers"), cancellationToken).ConfigureAwait(false);
        await WriteEventsAsync(Path.Combine(lake, "events"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "spec.yaml"), DemoSpec.Yaml, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, Marker), "created by serverlessprep demo; safe to delete\n", cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteSalesAsync(string folder, CancellationToken cancellationToken)
    {
        var generator = new SalesGenerator(seed: 42, customers: 2_000);
        for (var day = 1; day <= 3; day++)
        {
            var partition = Path.Combine(folder, $"date=2024-01-{day:D2}");
            Directory.CreateDirectory(partition);
            var path = Path.Combine(partition, "part-0.parquet");
            await using var file = File.Create(path);
            await using var writer = await ParquetBatchWriter.CreateAsync(file, SalesGenerator.Schema, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
            for (var group = 0; group < 2; group++)
            {
                var batch = generator.Next(10_000, (day * 100_000L) + (group * 10_000L), new DateTime(2024, 1, day, group * 12, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(12), duplicateEvery: 997, negativeEvery: 1_009);
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        // A partition whose upload was cut off: only the first bytes of a valid file.
        var broken = Path.Combine(folder, "date=2024-01-04");
        Directory.CreateDirectory(broken);
        var whole = await File.ReadAllBytesAsync(Path.Combine(folder, "date=2024-01-01", "part-0.parquet"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(broken, "part-0.parquet"), whole.AsMemory(0, whole.Length / 3).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteCustomersAsync(string folder, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        string[] countries = [" de", "DE", "fr ", "FR", "Us", "US", "gb", "GB "];
        foreach (var region in new[] { "eu", "us" })
        {
            var partition = Path.Combine(folder, $"region={region}");
            Directory.CreateDirectory(partition);
            var csv = new StringBuilder("customer_id,signup_date,age,country,income,newsletter\n");
            for (var i = 1; i <= 1_000; i++)
            {
                var id = region == "eu" ? i : 1_000 + i;
                var age = random.NextDouble() < 0.05 ? "n/a" : (18 + random.Next(60)).ToString(CultureInfo.InvariantCulture);
                var income = random.NextDouble() < 0.03 ? string.Empty : (20_000 + random.Next(150_000)).ToString(CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"C{id:D6},2023-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},{age},{countries[random.Next(countries.Length)]},{income},{(random.NextDouble() < 0.4 ? "true" : "false")}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(partition, "customers.csv"), csv.ToString(), cancellationToken).ConfigureAwait(false);
        }

        // A CSV export that lost a field on one line.
        await File.WriteAllTextAsync(
            Path.Combine(folder, "region=us", "late-signups.csv"),
            "customer_id,signup_date,age,country,income,newsletter\nC009001,2023-12-01,34,US,52000,true\nC009002,2023-12-02,41,US\nC009003,2023-12-03,29,US,61000,false\n",
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteEventsAsync(string folder, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        string[] types = ["view", "click", "add_to_cart", "purchase"];
        string[] systems = ["ios", "android", "web"];
        for (var day = 1; day <= 2; day++)
        {
            Directory.CreateDirectory(folder);
            var lines = new StringBuilder();
            for (var i = 0; i < 5_000; i++)
            {
                var ts = new DateTime(2024, 1, day, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 17);
                var duration = random.NextDouble() < 0.03 ? "null" : random.Next(10, 120_000).ToString(CultureInfo.InvariantCulture);
                lines.Append(CultureInfo.InvariantCulture, $"{{\"user_id\":\"C{1 + random.Next(2_000):D6}\",\"ts\":\"{ts:yyyy-MM-ddTHH:mm:ssZ}\",\"event_type\":\"{types[random.Next(types.Length)]}\",\"duration_ms\":{duration},\"device\":{{\"os\":\"{systems[random.Next(systems.Length)]}\",\"version\":{random.Next(10, 18)}}}}}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"2024-01-{day:D2}.jsonl"), lines.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }
}

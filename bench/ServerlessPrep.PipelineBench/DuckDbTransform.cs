using System.Globalization;
using System.Text;

namespace ServerlessPrep.PipelineBench;

/// <summary>
/// DuckDB's version of bench/spec.yaml: median imputation + indicator and z-score of amount, min-max of quantity, one-hot top-10 category and
/// top-8 country, 32 hash buckets of email, calendar parts with sin/cos of ts, 16 hashed buckets of the note's words, label as 0/1, and a
/// hash split by customer. Statistics come from the data in the same statement (DuckDB computes them in its own pass).
/// </summary>
internal static class DuckDbTransform
{
    public static string Copy(string input, string output)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"COPY (WITH src AS (SELECT * FROM read_parquet('{input}')), ");
        sb.Append("stats AS (SELECT avg(amount) AS mu, stddev_samp(amount) AS sigma, median(amount) AS med, min(quantity) AS qmin, max(quantity) AS qmax FROM src), ");
        sb.Append("topcat AS (SELECT category FROM src GROUP BY category ORDER BY count(*) DESC LIMIT 10), ");
        sb.Append("topcountry AS (SELECT country FROM src GROUP BY country ORDER BY count(*) DESC LIMIT 8) ");
        sb.Append("SELECT order_id, customer_id, ts, ");
        sb.Append("(coalesce(amount, stats.med) - stats.mu) / stats.sigma AS amount, (amount IS NULL)::DOUBLE AS amount__is_missing, ");
        sb.Append("(coalesce(quantity, 1) - stats.qmin)::DOUBLE / (stats.qmax - stats.qmin) AS quantity, ");
        sb.Append("year(ts)::DOUBLE AS ts__year, month(ts)::DOUBLE AS ts__month, day(ts)::DOUBLE AS ts__day, dayofweek(ts)::DOUBLE AS ts__dow, hour(ts)::DOUBLE AS ts__hour, ");
        sb.Append("sin(2 * pi() * month(ts) / 12) AS ts__month_sin, cos(2 * pi() * month(ts) / 12) AS ts__month_cos, ");
        sb.Append("sin(2 * pi() * hour(ts) / 24) AS ts__hour_sin, cos(2 * pi() * hour(ts) / 24) AS ts__hour_cos, ");
        for (var i = 1; i <= 10; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"(category = (SELECT category FROM topcat LIMIT 1 OFFSET {i - 1}))::DOUBLE AS category__{i}, ");
        }

        sb.Append("(category NOT IN (SELECT category FROM topcat))::DOUBLE AS category__other, ");
        for (var i = 1; i <= 8; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"(country = (SELECT country FROM topcountry LIMIT 1 OFFSET {i - 1}))::DOUBLE AS country__{i}, ");
        }

        sb.Append("(country NOT IN (SELECT country FROM topcountry))::DOUBLE AS country__other, ");
        for (var i = 0; i < 32; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"(hash(email) % 32 = {i})::DOUBLE AS email__h{i}, ");
        }

        for (var i = 0; i < 16; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"len(list_filter(string_split(lower(note), ' '), w -> hash(w) % 16 = {i}))::DOUBLE AS note__h{i}, ");
        }

        sb.Append("is_returned::DOUBLE AS is_returned, ");
        sb.Append("CASE WHEN hash(customer_id || 'bench') % 100 < 80 THEN 'train' WHEN hash(customer_id || 'bench') % 100 < 90 THEN 'validation' ELSE 'test' END AS split ");
        sb.Append(CultureInfo.InvariantCulture, $"FROM src, stats) TO '{output}' (FORMAT parquet, COMPRESSION snappy);");
        return sb.ToString();
    }
}

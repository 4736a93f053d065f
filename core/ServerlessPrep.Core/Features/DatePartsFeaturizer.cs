namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Calendar parts of a UTC timestamp or date: year, month (1–12), day (1–31), day_of_week (Monday = 0 … Sunday = 6),
/// hour and minute (timestamps only), day_of_year (1–366), is_weekend (0/1); with <see cref="TransformFit.Cyclical"/>,
/// sin/cos of month (period 12), day of week (7), hour (24, timestamps only) and day of year (days in that year).
/// </summary>
internal sealed class DatePartsFeaturizer(string column, TransformFit fit, DataKind kind)
    : Featurizer("dateparts", [column], Names(column, fit.Cyclical, kind == DataKind.Timestamp), propagatesNulls: true)
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly (double Sin, double Cos)[] MonthCycle = Cycle(12);
    private static readonly (double Sin, double Cos)[] WeekCycle = Cycle(7);
    private static readonly (double Sin, double Cos)[] HourCycle = Cycle(24);
    private static readonly (double Sin, double Cos)[] YearCycle = Cycle(365);
    private static readonly (double Sin, double Cos)[] LeapYearCycle = Cycle(366);
    private readonly bool _time = kind == DataKind.Timestamp;
    private readonly bool _cyclical = fit.Cyclical;

    public static TransformFit Fit(bool cyclical) => new() { Kind = TransformKind.DateParts, Cyclical = cyclical };

    public static string[] Names(string column, bool cyclical, bool time)
    {
        List<string> parts = time
            ? ["year", "month", "day", "day_of_week", "hour", "minute", "day_of_year", "is_weekend"]
            : ["year", "month", "day", "day_of_week", "day_of_year", "is_weekend"];
        if (cyclical)
        {
            parts.AddRange(["month_sin", "month_cos", "day_of_week_sin", "day_of_week_cos"]);
            if (time)
            {
                parts.AddRange(["hour_sin", "hour_cos"]);
            }

            parts.AddRange(["day_of_year_sin", "day_of_year_cos"]);
        }

        return parts.ConvertAll(p => column + FeatureNames.Separator + p).ToArray();
    }

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var x = inputs[0].Numbers.AsSpan(0, n);
        var nulls = inputs[0].Nulls;
        var lastDays = long.MinValue;
        int year = 0, month = 0, day = 0, dow = 0, doy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (nulls[i])
            {
                continue;
            }

            var micros = (long)x[i];
            var days = Math.DivRem(micros, TimeUnits.MicrosPerDay, out var rest);
            if (rest < 0)
            {
                days--;
                rest += TimeUnits.MicrosPerDay;
            }

            if (days != lastDays)
            {
                // Rows are often time-ordered: recompute the calendar only when the day changes.
                lastDays = days;
                var date = DateOnly.FromDayNumber((int)(EpochDayNumber + days));
                (year, month, day) = date;
                dow = (int)((days % 7 + 7 + 3) % 7); // 1970-01-01 was a Thursday (Monday = 0).
                doy = date.DayOfYear;
            }

            var k = 0;
            outputs[k++][i] = year;
            outputs[k++][i] = month;
            outputs[k++][i] = day;
            outputs[k++][i] = dow;
            var hour = (int)(rest / (3600 * TimeUnits.MicrosPerSecond));
            if (_time)
            {
                outputs[k++][i] = hour;
                outputs[k++][i] = (int)(rest / (60 * TimeUnits.MicrosPerSecond) % 60);
            }

            outputs[k++][i] = doy;
            outputs[k++][i] = dow >= 5 ? 1.0 : 0.0;
            if (!_cyclical)
            {
                continue;
            }

            k = Cycle(outputs, k, i, MonthCycle[month - 1]);
            k = Cycle(outputs, k, i, WeekCycle[dow]);
            if (_time)
            {
                k = Cycle(outputs, k, i, HourCycle[hour]);
            }

            Cycle(outputs, k, i, (DateTime.IsLeapYear(year) ? LeapYearCycle : YearCycle)[doy - 1]);
        }
    }

    /// <summary>sin/cos of 2π·v/period for v in [0, period): exactly what <see cref="Math.SinCos"/> gives per row, computed once.</summary>
    private static (double Sin, double Cos)[] Cycle(int period)
    {
        var table = new (double, double)[period];
        for (var v = 0; v < period; v++)
        {
            table[v] = Math.SinCos(2 * Math.PI * v / period);
        }

        return table;
    }

    private static int Cycle(double[][] outputs, int k, int row, (double Sin, double Cos) value)
    {
        outputs[k][row] = value.Sin;
        outputs[k + 1][row] = value.Cos;
        return k + 2;
    }
}

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>Imputation: fit the fill value from statistics, then fill missing values of a working column.</summary>
internal static class Imputer
{
    /// <summary>The frozen fill; <c>null</c> when no imputation is asked. An unknown fill (no statistics) leaves values missing.</summary>
    public static ImputeFit? Fit(ImputeSpec? spec, DataKind kind, IColumnStatistics? stats)
    {
        if (spec is null || spec.Strategy == ImputeStrategy.None)
        {
            return spec is { AddIndicator: true } ? new ImputeFit(ImputeStrategy.None, null, null, true) : null;
        }

        var text = kind is DataKind.String or DataKind.Nested;
        if (text)
        {
            var fill = spec.Strategy switch
            {
                ImputeStrategy.Constant => spec.Constant,
                ImputeStrategy.Mode => stats?.TopValues(1) is [var top, ..] ? top.Value : null,
                _ => throw new ArgumentException($"Imputation {spec.Strategy} needs a numeric column, not {kind}."),
            };
            return new ImputeFit(spec.Strategy, null, fill, spec.AddIndicator);
        }

        double? number = spec.Strategy switch
        {
            ImputeStrategy.Mean => stats?.Mean,
            ImputeStrategy.Median => stats?.Quantile(0.5),
            ImputeStrategy.Mode => stats?.TopValues(1) is [var top, ..] && ValueParser.TryParseNumber(kind, top.Value, out var m) ? m : stats?.Quantile(0.5),
            _ => spec.Constant is null ? null
                : ValueParser.TryParseNumber(kind, spec.Constant, out var c) ? c
                : throw new ArgumentException($"Constant '{spec.Constant}' is not a valid {kind}."),
        };
        if (number is { } v && kind is DataKind.Int64 or DataKind.Timestamp or DataKind.Date && spec.Strategy != ImputeStrategy.Constant)
        {
            number = kind == DataKind.Int64 ? v : Math.Round(v);
        }

        return new ImputeFit(spec.Strategy, number is { } f && double.IsFinite(f) ? f : null, null, spec.AddIndicator);
    }

    /// <summary>Fills missing values; returns how many rows not yet removed were filled.</summary>
    public static long Apply(WorkingColumn column, ImputeFit fit, ReadOnlySpan<bool> removed)
    {
        if (!column.HasNulls || (fit.Number is null && fit.Text is null))
        {
            return 0;
        }

        long count = 0;
        var nulls = column.Nulls;
        var numbers = column.Numbers;
        var texts = column.Texts;
        var n = column.Length;
        for (var i = 0; i < n; i++)
        {
            if (!nulls[i])
            {
                continue;
            }

            if (numbers is not null)
            {
                numbers[i] = fit.Number ?? 0;
            }
            else
            {
                texts![i] = fit.Text;
            }

            nulls[i] = false;
            count += removed[i] ? 0 : 1;
        }

        column.HasNulls = false;
        return count;
    }
}

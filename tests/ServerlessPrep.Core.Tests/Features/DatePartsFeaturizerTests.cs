using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class DatePartsFeaturizerTests
{
    [Fact]
    public void Apply_Timestamp_CalendarPartsAndCycles()
    {
        var featurizer = new DatePartsFeaturizer("ts", DatePartsFeaturizer.Fit(cyclical: true), DataKind.Timestamp);

        // 2024-03-16 is a Saturday, day 31 + 29 + 16 = 76 of a leap year.
        var y = FeaturizerRunner.Run(featurizer, Batches.Times("ts", new DateTime(2024, 3, 16, 13, 45, 30, DateTimeKind.Utc)));

        Assert.Equal(2024, y["ts__year"][0]);
        Assert.Equal(3, y["ts__month"][0]);
        Assert.Equal(16, y["ts__day"][0]);
        Assert.Equal(5, y["ts__day_of_week"][0]);
        Assert.Equal(13, y["ts__hour"][0]);
        Assert.Equal(45, y["ts__minute"][0]);
        Assert.Equal(76, y["ts__day_of_year"][0]);
        Assert.Equal(1, y["ts__is_weekend"][0]);
        Assert.Equal(Math.Sin(Math.PI / 3), y["ts__month_sin"][0], 12);
        Assert.Equal(Math.Cos(Math.PI / 3), y["ts__month_cos"][0], 12);
        Assert.Equal(Math.Sin(2 * Math.PI * 5 / 7), y["ts__day_of_week_sin"][0], 12);
        Assert.Equal(Math.Cos(2 * Math.PI * 13 / 24), y["ts__hour_cos"][0], 12);
        Assert.Equal(Math.Sin(2 * Math.PI * 75 / 366), y["ts__day_of_year_sin"][0], 12);
        Assert.Equal(16, featurizer.OutputNames.Count);
    }

    [Fact]
    public void Apply_BeforeEpoch_FloorsToTheRightDay()
    {
        var featurizer = new DatePartsFeaturizer("ts", DatePartsFeaturizer.Fit(cyclical: false), DataKind.Timestamp);

        // 1969-12-31 was a Wednesday.
        var y = FeaturizerRunner.Run(featurizer, Batches.Times("ts", new DateTime(1969, 12, 31, 23, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(1969, y["ts__year"][0]);
        Assert.Equal(31, y["ts__day"][0]);
        Assert.Equal(2, y["ts__day_of_week"][0]);
        Assert.Equal(23, y["ts__hour"][0]);
        Assert.Equal(0, y["ts__is_weekend"][0]);
        Assert.Equal(8, featurizer.OutputNames.Count);
    }

    [Fact]
    public void Names_Date_HaveNoTimeOfDay()
    {
        var names = DatePartsFeaturizer.Names("d", cyclical: true, time: false);

        Assert.DoesNotContain("d__hour", names);
        Assert.DoesNotContain("d__hour_sin", names);
        Assert.Contains("d__day_of_year_cos", names);
    }
}

namespace ServerlessPrep.Core.Quality;

/// <summary>Running count, mean and sum of squared deviations (Welford), for the online-normal detector.</summary>
public sealed record WelfordState(long Count, double Mean, double M2)
{
    public static WelfordState Empty { get; } = new(0, 0, 0);

    /// <summary>Sample standard deviation (n − 1); 0 below two values.</summary>
    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(M2 / (Count - 1));

    public WelfordState Add(double value)
    {
        var count = Count + 1;
        var delta = value - Mean;
        var mean = Mean + (delta / count);
        return new WelfordState(count, mean, M2 + (delta * (value - mean)));
    }
}

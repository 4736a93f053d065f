using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Infers one column's kind from sampled values: the narrowest of Boolean, Int64, Double, Date, Timestamp that every
/// non-missing value parses as, else String. Integers with a leading zero make the column String (codes, zip codes).
/// A column with no values in the sample is String. JSON strings never become numbers or booleans, and a JSON
/// object or array anywhere in the sample makes the column Nested.
/// </summary>
internal sealed class KindInference
{
    private bool _seen;
    private bool _boolean = true;
    private bool _int64 = true;
    private bool _double = true;
    private bool _date = true;
    private bool _timestamp = true;
    private bool _leadingZero;
    private bool _nested;

    public DataKind Result
    {
        get
        {
            if (_nested)
            {
                return DataKind.Nested;
            }

            if (!_seen || _leadingZero)
            {
                return DataKind.String;
            }

            return _boolean ? DataKind.Boolean
                : _int64 ? DataKind.Int64
                : _double ? DataKind.Double
                : _date ? DataKind.Date
                : _timestamp ? DataKind.Timestamp
                : DataKind.String;
        }
    }

    /// <summary>A CSV field, already known not to be missing.</summary>
    public void ObserveText(ReadOnlySpan<char> text)
    {
        _seen = true;
        text = text.Trim();
        _boolean &= TextValueParser.TryParseBoolean(text, out _);
        if (_int64 || _double)
        {
            var isInt = TextValueParser.TryParseInt64(text, out _);
            _int64 &= isInt;
            _double &= isInt || TextValueParser.TryParseDouble(text, out _);
            _leadingZero |= (isInt || _double) && TextValueParser.HasLeadingZero(text);
        }

        ObserveTemporal(text);
    }

    public void ObserveJsonString(ReadOnlySpan<char> text)
    {
        _seen = true;
        _boolean = _int64 = _double = false;
        ObserveTemporal(text);
    }

    public void ObserveJsonNumber(ReadOnlySpan<char> text)
    {
        _seen = true;
        _boolean = _date = _timestamp = false;
        _int64 &= TextValueParser.TryParseInt64(text, out _);
    }

    public void ObserveJsonBoolean()
    {
        _seen = true;
        _int64 = _double = _date = _timestamp = false;
    }

    public void ObserveJsonNested()
    {
        _seen = true;
        _nested = true;
    }

    private void ObserveTemporal(ReadOnlySpan<char> text)
    {
        if (_date && !TextValueParser.TryParseDate(text, out _))
        {
            _date = false;
        }

        if (_timestamp && !TextValueParser.TryParseDate(text, out _) && !TextValueParser.TryParseTimestamp(text, out _))
        {
            _timestamp = false;
        }
    }
}

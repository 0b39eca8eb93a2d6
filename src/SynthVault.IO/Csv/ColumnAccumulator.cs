using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.IO.Csv;

/// <summary>
/// Collects one CSV column in a single pass while inferring its type from every value. It starts untyped, takes
/// the type of the first value and widens when a later value needs it (integer → float, date → timestamp). When a
/// value fits no numeric, boolean or date reading, the column becomes text; because typed values already stored
/// cannot give back their original spelling ("1.50" was stored as 1.5), such a column is marked for a second pass
/// that re-reads only its text. Numbers are parsed from the field's characters, so numeric columns allocate no
/// strings at all.
/// </summary>
internal sealed class ColumnAccumulator
{
    private readonly HashSet<string> nullTokens;
    private readonly DataType? forced;
    private readonly int initialCapacity;

    private Kind kind;
    private long[]? longs;
    private double[]? doubles;
    private bool[]? bools;
    private decimal[]? decimals;
    private bool[]? nulls;
    private int capacity;
    private int count;
    private StringColumnBuilder? strings;
    private bool sawMissingToken;
    private bool sawQuotedEmpty;
    private int maxDecimalScale;
    private int maxDecimalIntegerDigits;

    public ColumnAccumulator(string name, int index, HashSet<string> nullTokens, DataType? forced, int initialCapacity)
    {
        Name = name;
        Index = index;
        this.nullTokens = nullTokens;
        this.forced = forced;
        this.initialCapacity = Math.Max(initialCapacity, 16);
        kind = forced switch
        {
            null => Kind.Unknown,
            DataType.String => Kind.String,
            _ => Kind.Unknown,
        };
        if (forced is { } type and not DataType.String)
        {
            BecomeTyped(KindOf(type));
        }
        else if (forced == DataType.String)
        {
            strings = new StringColumnBuilder(name, this.initialCapacity);
        }
    }

    private enum Kind
    {
        Unknown,
        Int64,
        Float64,
        Boolean,
        Date,
        Timestamp,
        TimestampUtc,
        Decimal,
        String,
    }

    public string Name { get; }

    public int Index { get; }

    /// <summary>True when the column turned out to be text after typed values were stored: pass 2 collects it.</summary>
    public bool NeedsTextPass { get; private set; }

    /// <summary>The data row where a typed column first met text, for the warning.</summary>
    public long FirstTextRow { get; private set; }

    /// <summary>The type the column had before it met text.</summary>
    public string? TypeBeforeText { get; private set; }

    public int NaNCount { get; private set; }

    public int InfinityCount { get; private set; }

    public bool IsAllMissing => kind == Kind.Unknown;

    public bool IsForced => forced is not null;

    /// <summary>An empty unquoted field.</summary>
    public void AppendNull()
    {
        if (NeedsTextPass)
        {
            return;
        }

        switch (kind)
        {
            case Kind.Unknown:
                count++;
                break;
            case Kind.String:
                strings!.AppendNull();
                break;
            default:
                AppendTypedNull();
                break;
        }
    }

    /// <summary>A quoted empty field ("" in the file): an empty string in text, missing elsewhere.</summary>
    public void AppendQuotedEmpty()
    {
        if (NeedsTextPass)
        {
            return;
        }

        switch (kind)
        {
            case Kind.Unknown:
                sawQuotedEmpty = true;
                count++;
                break;
            case Kind.String:
                strings!.Append(string.Empty);
                break;
            default:
                AppendTypedNull();
                break;
        }
    }

    /// <summary>A non-empty field.</summary>
    public void Append(ReadOnlySpan<char> s, long row)
    {
        if (NeedsTextPass)
        {
            return;
        }

        // Fast paths: the value has the column's current type.
        switch (kind)
        {
            case Kind.Int64:
                if (ValueParsers.TryParseInt64(s, out var l))
                {
                    Grow();
                    longs![count++] = l;
                    return;
                }

                break;
            case Kind.Float64:
                if (ValueParsers.TryParseDouble(s, out var d) && double.IsFinite(d))
                {
                    Grow();
                    doubles![count++] = d;
                    return;
                }

                break;
            case Kind.String:
                AppendText(s, row);
                return;
            default:
                break;
        }

        AppendSlow(s, row);
    }

    /// <summary>Appends a value of a column collected in the text pass.</summary>
    public void AppendText(ReadOnlySpan<char> s, long row)
    {
        if (s.Contains('\0'))
        {
            throw new SynthVaultException("The value holds a NUL character: this looks like binary data, not text.", column: Name, row: row, hint: "Export the data as UTF-8 CSV.");
        }

        strings!.Append(s);
    }

    /// <summary>Starts collecting this column's text in a second pass.</summary>
    public void BeginTextPass(int rows)
    {
        strings = new StringColumnBuilder(Name, rows);
        kind = Kind.String;
        NeedsTextPass = false;
    }

    public void AppendTextPassNull() => strings!.AppendNull();

    public void AppendTextPassEmpty() => strings!.Append(string.Empty);

    /// <summary>The finished column with exactly <paramref name="rows"/> rows.</summary>
    public Column Build(int rows, bool nullTokensInTextAreMissing, List<string> warnings)
    {
        if (kind == Kind.Unknown)
        {
            warnings.Add($"Column '{Name}' has no values (all {rows} are missing); it is read as an empty text column.");
            return new StringColumn(Name, Enumerable.Repeat(-1, rows).ToArray(), []);
        }

        if (NaNCount + InfinityCount > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column '{Name}': {NaNCount} NaN and {InfinityCount} infinite values were read as missing."));
        }

        if (kind == Kind.String)
        {
            return BuildText(nullTokensInTextAreMissing, warnings);
        }

        var mask = nulls is null ? null : Exact(nulls);
        return kind switch
        {
            Kind.Int64 => new Int64Column(Name, Exact(longs!), mask),
            Kind.Float64 => new Float64Column(Name, Exact(doubles!), mask),
            Kind.Boolean => new BooleanColumn(Name, Exact(bools!), mask),
            Kind.Date => new DateTimeColumn(Name, DataType.Date, Exact(longs!), mask),
            Kind.Timestamp => new DateTimeColumn(Name, DataType.Timestamp, Exact(longs!), mask),
            Kind.TimestampUtc => new DateTimeColumn(Name, DataType.TimestampUtc, Exact(longs!), mask),
            Kind.Decimal => BuildDecimal(mask),
            _ => throw new InvalidOperationException($"Unexpected column kind {kind}."),
        };
    }

    private DecimalColumn BuildDecimal(bool[]? mask)
    {
        var scale = Math.Min(maxDecimalScale, 28);
        var precision = Math.Clamp(maxDecimalIntegerDigits + scale, Math.Max(scale, 1), 38);
        return new DecimalColumn(Name, Exact(decimals!), precision, scale, mask);
    }

    private StringColumn BuildText(bool nullTokensInTextAreMissing, List<string> warnings)
    {
        var column = strings!.Build();
        var dictionary = column.Dictionary;
        List<int>? tokenCodes = null;
        for (var i = 0; i < dictionary.Count; i++)
        {
            if (nullTokens.Contains(dictionary[i]))
            {
                (tokenCodes ??= []).Add(i);
            }
        }

        if (tokenCodes is null)
        {
            return column;
        }

        var counts = column.CountCodes();
        var total = 0;
        foreach (var code in tokenCodes)
        {
            total += counts[code];
        }

        var example = dictionary[tokenCodes[0]];
        if (!nullTokensInTextAreMissing)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column '{Name}': {total} values such as '{example}' were kept as text; set NullTokensInTextAreMissing to read them as missing."));
            return column;
        }

        var codes = column.Codes.ToArray();
        var isToken = new bool[dictionary.Count];
        foreach (var code in tokenCodes)
        {
            isToken[code] = true;
        }

        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= 0 && isToken[codes[i]])
            {
                codes[i] = -1;
            }
        }

        return new StringColumn(Name, codes, [.. dictionary]);
    }

    private void AppendSlow(ReadOnlySpan<char> s, long row)
    {
        var kindBefore = kind;
        if (kind != Kind.String && IsMissingToken(s))
        {
            return;
        }

        if (forced is not null)
        {
            AppendForced(s, row);
            return;
        }

        switch (kind)
        {
            case Kind.Unknown:
                Classify(s, row);
                return;
            case Kind.Int64:
                if (ValueParsers.TryParseDouble(s, out var d))
                {
                    PromoteToFloat64();
                    Grow();
                    doubles![count++] = d;
                    return;
                }

                break;
            case Kind.Boolean:
                if (ValueParsers.TryParseBoolean(s, out var b))
                {
                    Grow();
                    bools![count++] = b;
                    return;
                }

                break;
            case Kind.Date:
                if (ValueParsers.TryParseDate(s, out var dateTicks))
                {
                    Grow();
                    longs![count++] = dateTicks;
                    return;
                }

                if (ValueParsers.TryParseDateTime(s, out var ts, out var zoned) && !zoned)
                {
                    kind = Kind.Timestamp;
                    Grow();
                    longs![count++] = ts;
                    return;
                }

                break;
            case Kind.Timestamp:
                if ((ValueParsers.TryParseDateTime(s, out var wall, out var hasZone) && !hasZone) || ValueParsers.TryParseDate(s, out wall))
                {
                    Grow();
                    longs![count++] = wall;
                    return;
                }

                break;
            case Kind.TimestampUtc:
                if (ValueParsers.TryParseDateTime(s, out var utc, out var withZone) && withZone)
                {
                    Grow();
                    longs![count++] = utc;
                    return;
                }

                break;
            default:
                break;
        }

        // The value is text in a typed column: the column is text, collected again in pass 2.
        TypeBeforeText = Describe(kindBefore);
        FirstTextRow = row;
        BecomeTextLater();
    }

    private void Classify(ReadOnlySpan<char> s, long row)
    {
        if (ValueParsers.TryParseInt64(s, out var l))
        {
            BecomeTyped(Kind.Int64);
            longs![count++] = l;
        }
        else if (ValueParsers.TryParseDouble(s, out var d))
        {
            BecomeTyped(Kind.Float64);
            doubles![count++] = d;
        }
        else if (ValueParsers.TryParseBoolean(s, out var b))
        {
            BecomeTyped(Kind.Boolean);
            bools![count++] = b;
        }
        else if (ValueParsers.TryParseDate(s, out var date))
        {
            BecomeTyped(Kind.Date);
            longs![count++] = date;
        }
        else if (ValueParsers.TryParseDateTime(s, out var ts, out var zoned))
        {
            BecomeTyped(zoned ? Kind.TimestampUtc : Kind.Timestamp);
            longs![count++] = ts;
        }
        else if (sawQuotedEmpty || sawMissingToken)
        {
            // Earlier rows held "" or "NA", stored as missing while the type was open; in text they are values.
            BecomeTextLater();
        }
        else
        {
            kind = Kind.String;
            strings = new StringColumnBuilder(Name, initialCapacity);
            for (var i = 0; i < count; i++)
            {
                strings.AppendNull();
            }

            count = 0;
            AppendText(s, row);
        }
    }

    private void AppendForced(ReadOnlySpan<char> s, long row)
    {
        var ok = false;
        switch (kind)
        {
            case Kind.Int64:
                ok = ValueParsers.TryParseInt64(s, out var l) || long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l);
                if (ok)
                {
                    Grow();
                    longs![count++] = l;
                }

                break;
            case Kind.Float64:
                ok = ValueParsers.TryParseDouble(s, out var d) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d);
                if (ok)
                {
                    Grow();
                    doubles![count++] = d;
                }

                break;
            case Kind.Boolean:
                ok = ValueParsers.TryParseBoolean(s, out var b);
                if (ok)
                {
                    Grow();
                    bools![count++] = b;
                }

                break;
            case Kind.Date:
            case Kind.Timestamp:
                ok = (ValueParsers.TryParseDateTime(s, out var wall, out var zoned) && !zoned) || ValueParsers.TryParseDate(s, out wall);
                if (ok)
                {
                    Grow();
                    longs![count++] = kind == Kind.Date ? wall - (wall % TimeSpan.TicksPerDay) : wall;
                }

                break;
            case Kind.TimestampUtc:
                // A value without a zone is taken as UTC: the caller said the column holds instants.
                ok = ValueParsers.TryParseDateTime(s, out var utc, out _) || ValueParsers.TryParseDate(s, out utc);
                if (ok)
                {
                    Grow();
                    longs![count++] = utc;
                }

                break;
            case Kind.Decimal:
                ok = decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m);
                if (ok)
                {
                    Grow();
                    decimals![count++] = m;
                    maxDecimalScale = Math.Max(maxDecimalScale, m.Scale);
                    var integerPart = decimal.Truncate(Math.Abs(m));
                    var digits = integerPart == 0 ? 1 : (int)Math.Floor(Math.Log10((double)integerPart)) + 1;
                    maxDecimalIntegerDigits = Math.Max(maxDecimalIntegerDigits, digits);
                }

                break;
            default:
                break;
        }

        if (!ok)
        {
            throw new SynthVaultException($"The value is not a valid {Describe(kind)}, the type given for this column.", column: Name, row: row, hint: "Fix the value or change the column's type.");
        }
    }

    /// <summary>Null tokens and NaN/Inf literals are missing in typed (and still untyped) columns.</summary>
    private bool IsMissingToken(ReadOnlySpan<char> s)
    {
        if (s.Length <= 10 && ValueParsers.IsNonFiniteToken(s, out var isNaN) && (kind is Kind.Unknown or Kind.Int64 or Kind.Float64 or Kind.Decimal))
        {
            if (isNaN)
            {
                NaNCount++;
            }
            else
            {
                InfinityCount++;
            }

            MarkMissing();
            return true;
        }

        if (s.Length <= 8 && s.Length > 0 && IsNullToken(s))
        {
            MarkMissing();
            return true;
        }

        // "1e999" parses to infinity: a number too large, read as missing like "Inf".
        if (kind is Kind.Unknown or Kind.Int64 or Kind.Float64 && ValueParsers.TryParseDouble(s, out var d) && !double.IsFinite(d))
        {
            InfinityCount++;
            MarkMissing();
            return true;
        }

        return false;
    }

    private bool IsNullToken(ReadOnlySpan<char> s) => nullTokens.GetAlternateLookup<ReadOnlySpan<char>>().Contains(s);

    private void MarkMissing()
    {
        if (kind == Kind.Unknown)
        {
            sawMissingToken = true;
            count++;
        }
        else
        {
            AppendTypedNull();
        }
    }

    private void BecomeTextLater()
    {
        NeedsTextPass = true;
        kind = Kind.String;
        NaNCount = 0;
        InfinityCount = 0;
        longs = null;
        doubles = null;
        bools = null;
        decimals = null;
        nulls = null;
        strings = null;
    }

    private void BecomeTyped(Kind target)
    {
        var previous = count;
        kind = target;
        capacity = Math.Max(initialCapacity, previous + 16);
        switch (target)
        {
            case Kind.Float64:
                doubles = new double[capacity];
                break;
            case Kind.Boolean:
                bools = new bool[capacity];
                break;
            case Kind.Decimal:
                decimals = new decimal[capacity];
                break;
            default:
                longs = new long[capacity];
                break;
        }

        if (previous > 0)
        {
            nulls = new bool[capacity];
            nulls.AsSpan(0, previous).Fill(true);
        }
    }

    private void PromoteToFloat64()
    {
        doubles = new double[capacity];
        for (var i = 0; i < count; i++)
        {
            doubles[i] = longs![i];
        }

        longs = null;
        kind = Kind.Float64;
    }

    private void AppendTypedNull()
    {
        Grow();
        nulls ??= new bool[capacity];
        nulls[count++] = true;
    }

    private void Grow()
    {
        if (count < capacity)
        {
            return;
        }

        capacity = (int)Math.Min(Array.MaxLength, Math.Max(1024L, capacity + (capacity / 2L)));
        if (longs is not null)
        {
            Array.Resize(ref longs, capacity);
        }

        if (doubles is not null)
        {
            Array.Resize(ref doubles, capacity);
        }

        if (bools is not null)
        {
            Array.Resize(ref bools, capacity);
        }

        if (decimals is not null)
        {
            Array.Resize(ref decimals, capacity);
        }

        if (nulls is not null)
        {
            Array.Resize(ref nulls, capacity);
        }
    }

    private T[] Exact<T>(T[] array)
    {
        if (array.Length != count)
        {
            Array.Resize(ref array, count);
        }

        return array;
    }

    private static Kind KindOf(DataType type) => type switch
    {
        DataType.Int64 => Kind.Int64,
        DataType.Float64 => Kind.Float64,
        DataType.Boolean => Kind.Boolean,
        DataType.Date => Kind.Date,
        DataType.Timestamp => Kind.Timestamp,
        DataType.TimestampUtc => Kind.TimestampUtc,
        DataType.Decimal => Kind.Decimal,
        _ => Kind.String,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Int64 => "integer",
        Kind.Float64 => "number",
        Kind.Boolean => "true/false",
        Kind.Date => "date (yyyy-MM-dd)",
        Kind.Timestamp => "timestamp without time zone",
        Kind.TimestampUtc => "timestamp with time zone",
        Kind.Decimal => "decimal number",
        Kind.String => "text",
        _ => "value",
    };
}

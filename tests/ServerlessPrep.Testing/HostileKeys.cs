namespace ServerlessPrep.Testing;

/// <summary>Keys that every <c>IObjectStore</c> must refuse with <see cref="ArgumentException"/> before touching storage.</summary>
public static class HostileKeys
{
    public static IReadOnlyList<string> All { get; } =
    [
        "",
        "..",
        ".",
        "../escape.txt",
        "../../etc/passwd",
        "a/../../escape.txt",
        "a/../b",
        "a/./b",
        "a/..",
        "./a",
        "/etc/passwd",
        "/",
        "//server/share/file",
        "a//b",
        "a/",
        "a\\..\\..\\escape.txt",
        "..\\escape.txt",
        "C:\\Windows\\win.ini",
        "C:/Windows/win.ini",
        "c:escape.txt",
        "a\0b",
        "a/b\0.parquet",
        "line\nbreak",
        "tab\there",
        "carriage\rreturn",
        "bell\u0007",
        "del\u007f",
        "c1\u0085control",
        "lone\uD800surrogate",
        "low\uDC00first",
        new string('a', 256),
        "dir/" + new string('b', 256),
        string.Join('/', Enumerable.Repeat(new string('c', 200), 6)),
        new string('é', 128) + "x",
    ];

    /// <summary><see cref="All"/> as xUnit theory data.</summary>
    public static TheoryData<string> Data
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var key in All)
            {
                data.Add(key);
            }

            return data;
        }
    }
}

/// The units every plan knows. Spellings map to atoms; a plural spelling maps to the same
/// atom as its singular, so `3 days` and `1 day` show as written.
enum BuiltinUnits {
    static let bytes = Dimension(base: "Bytes")
    static let time = Dimension(base: "Time")
    static let cores = Dimension(base: "Cores")
    static let energy = Dimension(base: "Energy")
    static let usd = Dimension(base: "USD")
    static let eur = Dimension(base: "EUR")

    static let year = 365.2425 * 86_400

    /// (spellings, atom). The first spelling is the atom's symbol; `plural` is also accepted.
    static let table: [([String], UnitAtom)] = {
        var t: [([String], UnitAtom)] = []
        func add(_ names: [String], _ atom: UnitAtom) { t.append((names, atom)) }
        func data(_ s: String, _ f: Double, _ what: String) { add([s], UnitAtom(s, bytes, f, summary: what)) }

        // Data. Decimal prefixes are powers of 1000, binary ones of 1024.
        add(["B"], UnitAtom("B", bytes, 1, summary: "byte"))
        add(["byte"], UnitAtom("byte", plural: "bytes", bytes, 1, summary: "byte"))
        for (i, p) in ["k", "M", "G", "T", "P", "E"].enumerated() {
            var f = 1.0
            for _ in 0...i { f *= 1000 }
            data(p + "B", f, "1000^\(i + 1) bytes")
            if p == "k" { data("KB", f, "1000 bytes (same as kB)") }
        }
        for (i, p) in ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].enumerated() {
            var f = 1.0
            for _ in 0...i { f *= 1024 }
            data(p + "B", f, "1024^\(i + 1) bytes")
        }
        add(["bit"], UnitAtom("bit", plural: "bits", bytes, 0.125, summary: "1/8 byte"))
        for (i, p) in ["k", "M", "G", "T"].enumerated() {
            var f = 0.125
            for _ in 0...i { f *= 1000 }
            add([p + "bit"], UnitAtom(p + "bit", bytes, f, summary: "1000^\(i + 1) bits"))
            add([p + "bps"], UnitAtom(p + "bps", bytes / time, f, summary: "1000^\(i + 1) bits per second"))
        }
        add(["bps"], UnitAtom("bps", bytes / time, 0.125, summary: "bits per second"))

        // Time. A year is the Gregorian mean, 365.2425 days; a month is a twelfth of it.
        func tm(_ names: [String], _ plural: String?, _ f: Double, _ what: String) {
            add(names, UnitAtom(names[0], plural: plural, time, f, summary: what))
        }
        tm(["s", "sec"], nil, 1, "second")
        tm(["second"], "seconds", 1, "second")
        tm(["ms"], nil, 0.001, "millisecond")
        tm(["us", "µs"], nil, 1e-6, "microsecond")
        tm(["ns"], nil, 1e-9, "nanosecond")
        tm(["min"], nil, 60, "minute")
        tm(["minute"], "minutes", 60, "minute")
        tm(["h", "hr"], nil, 3600, "hour")
        tm(["hour"], "hours", 3600, "hour")
        tm(["d"], nil, 86_400, "day")
        tm(["day"], "days", 86_400, "day")
        tm(["wk"], nil, 604_800, "week")
        tm(["week"], "weeks", 604_800, "week")
        tm(["mo"], nil, year / 12, "a twelfth of a year (30.436875 days)")
        tm(["month"], "months", year / 12, "a twelfth of a year (30.436875 days)")
        tm(["quarter"], "quarters", year / 4, "a quarter of a year")
        tm(["yr"], nil, year, "a mean Gregorian year (365.2425 days)")
        tm(["year"], "years", year, "a mean Gregorian year (365.2425 days)")

        // Compute.
        add(["core"], UnitAtom("core", plural: "cores", cores, 1, summary: "CPU core"))
        add(["mcore"], UnitAtom("mcore", cores, 0.001, summary: "millicore, 1/1000 core"))
        add(["millicore"], UnitAtom("millicore", plural: "millicores", cores, 0.001, summary: "1/1000 core"))

        // Money. Each currency is its own dimension.
        add(["USD"], UnitAtom("USD", usd, 1, prefix: "$", summary: "US dollar (prefix $)"))
        add(["EUR"], UnitAtom("EUR", eur, 1, prefix: "€", summary: "euro (prefix €)"))

        // Power and energy (base: joule).
        add(["J"], UnitAtom("J", energy, 1, summary: "joule"))
        add(["kJ"], UnitAtom("kJ", energy, 1e3, summary: "kilojoule"))
        add(["MJ"], UnitAtom("MJ", energy, 1e6, summary: "megajoule"))
        add(["W"], UnitAtom("W", energy / time, 1, summary: "watt"))
        add(["kW"], UnitAtom("kW", energy / time, 1e3, summary: "kilowatt"))
        add(["MW"], UnitAtom("MW", energy / time, 1e6, summary: "megawatt"))
        add(["Wh"], UnitAtom("Wh", energy, 3600, summary: "watt-hour"))
        add(["kWh"], UnitAtom("kWh", energy, 3.6e6, summary: "kilowatt-hour"))
        add(["MWh"], UnitAtom("MWh", energy, 3.6e9, summary: "megawatt-hour"))

        add(["%", "percent"], .percent)
        return t
    }()

    /// Built-in spellings, which a plan's own `unit` lines cannot change.
    static let bySpelling: [String: UnitAtom] = {
        var m: [String: UnitAtom] = [:]
        for (names, atom) in table {
            for n in names + (atom.plural.map { [$0] } ?? []) where m[n] == nil { m[n] = atom }
        }
        return m
    }()
}

extension UnitAtom {
    /// A built-in unit by one of its spellings (`"GiB"`, `"month"`), for code that makes
    /// quantities. Asking for a spelling that is not built in is a programming error; a test
    /// asks for every spelling the sources use.
    public static func builtin(_ spelling: String) -> UnitAtom {
        guard let atom = BuiltinUnits.bySpelling[spelling] else {
            preconditionFailure("no built-in unit '\(spelling)'")
        }
        return atom
    }
}

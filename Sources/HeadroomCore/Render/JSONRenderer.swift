/// `--json` output: one JSON object per shown value, with a stable schema (docs/language.md).
///
///     {"type":"quantity","value":1.8189894035458565,"unit":"TiB","dimension":"Bytes","display":"1.81899 TiB"}
///     {"type":"number","value":0.7,"display":"70%"}
///     {"type":"bool","value":true,"display":"true"}
///     {"type":"string","value":"hi","display":"hi"}
///     {"type":"date","value":"2026-03-01T00:00:00Z","display":"2026-03-01"}
///     {"type":"list","items":[...],"display":"..."}
///     {"type":"record","fields":{"name":{...}},"display":"..."}
///     {"type":"function","signature":"f(a, b)","display":"<function f(a, b)>"}
public enum JSONRenderer {
    public static func value(_ v: Value, _ o: DisplayOptions = .standard) -> String {
        let display = "\"display\":" + string(ValueFormatter.display(v, options: o))
        switch v {
        case .quantity(let q) where q.isPlainNumber:
            return "{\"type\":\"number\",\"value\":\(number(q.base)),\(display)}"
        case .quantity(let q):
            return "{\"type\":\"quantity\",\"value\":\(number(q.value)),\"unit\":\(string(q.unit.symbol)),"
                + "\"dimension\":\(string(q.dimension.description)),\(display)}"
        case .bool(let b): return "{\"type\":\"bool\",\"value\":\(b),\(display)}"
        case .string(let s): return "{\"type\":\"string\",\"value\":\(string(s)),\(display)}"
        case .date(let d):
            let v = d == .max ? "null" : string(CivilDate.format(d, withTime: true))
            return "{\"type\":\"date\",\"value\":\(v),\(display)}"
        case .list(let xs):
            return "{\"type\":\"list\",\"items\":[\(xs.map { value($0, o) }.joined(separator: ","))],\(display)}"
        case .record(let r):
            let fields = r.fields.map { "\(string($0.name)):\(value($0.value, o))" }.joined(separator: ",")
            return "{\"type\":\"record\",\"fields\":{\(fields)},\(display)}"
        case .function(let f): return "{\"type\":\"function\",\"signature\":\(string(f.signature)),\(display)}"
        case .series(let s):
            let shown = { (b: Double) in number(s.unit.fromBase(b)) }
            var out =
                "{\"type\":\"series\",\"unit\":\(string(s.unit.symbol)),\"dimension\":\(string(s.dimension.description))"
            if let n = s.name { out += ",\"name\":\(string(n))" }
            out +=
                ",\"points\":["
                + zip(s.times, s.values).map {
                    "[\(string(CivilDate.format($0.0, withTime: true))),\(shown($0.1))]"
                }.joined(separator: ",") + "]"
            if let lo = s.lower, let hi = s.upper {
                out +=
                    ",\"lower\":[\(lo.map(shown).joined(separator: ","))],\"upper\":[\(hi.map(shown).joined(separator: ","))]"
            }
            return out + ",\(display)}"
        case .never(let kind):
            let of = kind == .date ? "date" : "duration"
            return "{\"type\":\"never\",\"of\":\"\(of)\",\"value\":null,\(display)}"
        case .missing(let m):
            return "{\"type\":\"missing\",\"value\":null,\"reason\":\(string(m.reason)),\(display)}"
        case .nothing: return "{\"type\":\"nothing\"}"
        }
    }

    public static func printed(_ text: String) -> String { "{\"type\":\"print\",\"text\":\(string(text))}" }

    public static func error(_ d: Diagnostic, sources: SourceMap) -> String {
        var s =
            "{\"type\":\"error\",\"code\":\(string(d.code.rawValue)),\"stage\":\(string(d.stage.rawValue)),\"message\":\(string(d.message))"
        if let f = sources[d.span.file] {
            let (line, col) = f.location(of: d.span.start)
            s += ",\"file\":\(string(f.name)),\"line\":\(line),\"column\":\(col)"
        }
        return s + "}"
    }

    /// Full precision; whole numbers without a fraction; non-finite numbers as null.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

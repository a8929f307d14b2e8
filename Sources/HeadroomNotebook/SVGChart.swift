import HeadroomCore

/// A chart as a self-contained SVG: history, forecast line, prediction band and threshold
/// lines over dated axes with the unit, a legend, colours that follow the reader's light or
/// dark theme, no fonts, scripts or links from elsewhere. The same chart gives the same bytes
/// (coordinates rounded to a tenth of a pixel), so a diff of a notebook shows real changes.
public enum SVGChart {
    static let width = 720.0, height = 340.0
    static let left = 76.0, right = 20.0, top = 34.0, bottom = 60.0

    public static func render(_ c: Chart) -> String {
        var times: [Int64] = [], values: [Double] = []
        for layer in c.layers {
            switch layer {
            case .history(let t, let v), .forecast(let t, let v):
                times += t
                values += v
            case .band(let t, let lo, let hi):
                times += t
                values += lo + hi
            case .threshold(let v, _): values.append(v)
            case .mark(let t, _): times.append(t)
            }
        }
        let finite = values.filter(\.isFinite)
        var t0 = times.min() ?? 0, t1 = times.max() ?? 86_400
        if t1 <= t0 { (t0, t1) = (t0 - 43_200, t0 + 43_200) }
        var y0 = finite.min() ?? 0, y1 = finite.max() ?? 1
        if y1 <= y0 { (y0, y1) = (y0 - 1, y0 + 1) }
        let step = niceStep((y1 - y0) / 5)
        y0 = (y0 / step).rounded(.down) * step
        y1 = (y1 / step).rounded(.up) * step
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ t: Int64) -> Double { left + Double(t - t0) / Double(t1 - t0) * plotW }
        func y(_ v: Double) -> Double { top + (1 - (v - y0) / (y1 - y0)) * plotH }

        var out: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">",
            "<title>\(xml(c.title ?? "series")) (\(xml(c.unit)))</title>",
            "<style>",
            "text{font:12px sans-serif;fill:#333}.grid{stroke:#ddd;stroke-width:1}.axis{stroke:#777;stroke-width:1}",
            ".history{fill:none;stroke:#1f6fb4;stroke-width:1.5}.forecast{fill:none;stroke:#c0392b;stroke-width:1.5;stroke-dasharray:6 3}",
            ".band{fill:#c0392b;fill-opacity:.18;stroke:none}.threshold{stroke:#d68910;stroke-width:1.5;stroke-dasharray:2 3}.mark{stroke:#7d3c98;stroke-width:1.5}",
            "@media (prefers-color-scheme:dark){text{fill:#ddd}.grid{stroke:#444}.axis{stroke:#999}.history{stroke:#6cb4f0}.forecast{stroke:#f1948a}.band{fill:#f1948a}.mark{stroke:#c39bd3}}",
            "</style>",
            "<text x=\"\(n(left))\" y=\"20\">\(xml(c.title ?? "series")) (\(xml(c.unit)))</text>",
        ]
        // Value grid and labels.
        var v = y0
        var guardCount = 0
        while v <= y1 + step / 2, guardCount < 50 {
            out.append(
                "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(v)))\" y2=\"\(n(y(v)))\"/>"
            )
            out.append(
                "<text x=\"\(n(left - 6))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\">\(xml(NumberFormat.format(v, significant: 4)))</text>"
            )
            v += step
            guardCount += 1
        }
        // Date ticks.
        for t in dateTicks(t0, t1) {
            out.append(
                "<line class=\"grid\" x1=\"\(n(x(t)))\" x2=\"\(n(x(t)))\" y1=\"\(n(top))\" y2=\"\(n(height - bottom))\"/>"
            )
            out.append(
                "<text x=\"\(n(x(t)))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\">\(xml(DisplayRules.date(t)))</text>"
            )
        }
        out.append(
            "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"\(n(top))\" y2=\"\(n(height - bottom))\"/>")
        out.append(
            "<line class=\"axis\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(height - bottom))\" y2=\"\(n(height - bottom))\"/>"
        )
        var legend: [(String, String)] = []
        for layer in c.layers {
            switch layer {
            case .band(let t, let lo, let hi):
                let (ut, uh) = thin(t, hi), (lt, ll) = thin(t, lo)
                let pts =
                    zip(ut, uh).map { "\(n(x($0))),\(n(y($1)))" }
                    + zip(lt, ll).reversed().map { "\(n(x($0))),\(n(y($1)))" }
                out.append(
                    "<g class=\"layer band\"><polygon class=\"band\" points=\"\(pts.joined(separator: " "))\"/></g>")
                legend.append(("band", "prediction band"))
            case .history(let t, let vs), .forecast(let t, let vs):
                let isHistory = if case .history = layer { true } else { false }
                let kind = isHistory ? "history" : "forecast"
                let (tt, vv) = thin(t, vs)
                let pts = zip(tt, vv).filter { $1.isFinite }.map { "\(n(x($0))),\(n(y($1)))" }
                out.append(
                    "<g class=\"layer \(kind)\"><polyline class=\"\(kind)\" points=\"\(pts.joined(separator: " "))\"/></g>"
                )
                legend.append((kind, kind))
            case .threshold(let value, let label):
                out.append(
                    "<g class=\"layer threshold\"><line class=\"threshold\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(value)))\" y2=\"\(n(y(value)))\"/>"
                        + "<text x=\"\(n(width - right - 4))\" y=\"\(n(y(value) - 4))\" text-anchor=\"end\">\(xml(label))</text></g>"
                )
                legend.append(("threshold", label))
            case .mark(let t, let label):
                out.append(
                    "<g class=\"layer mark\"><line class=\"mark\" x1=\"\(n(x(t)))\" x2=\"\(n(x(t)))\" y1=\"\(n(top))\" y2=\"\(n(height - bottom))\"/>"
                        + "<text x=\"\(n(x(t) - 4))\" y=\"\(n(top + 14))\" text-anchor=\"end\">\(xml(label))</text></g>"
                )
            }
        }
        // Legend, a row under the axis.
        var lx = left
        for (kind, label) in legend {
            let swatch =
                kind == "band"
                ? "<rect class=\"band\" x=\"\(n(lx))\" y=\"\(n(height - 19))\" width=\"16\" height=\"10\"/>"
                : "<line class=\"\(kind)\" x1=\"\(n(lx))\" x2=\"\(n(lx + 16))\" y1=\"\(n(height - 14))\" y2=\"\(n(height - 14))\"/>"
            out.append(
                "<g class=\"legend\">\(swatch)<text x=\"\(n(lx + 20))\" y=\"\(n(height - 10))\">\(xml(label))</text></g>"
            )
            lx += Double(label.count) * 6.5 + 34
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// At most about 1,500 points: the first and last of each bucket's lowest and highest.
    static func thin(_ t: [Int64], _ v: [Double]) -> ([Int64], [Double]) {
        let n = min(t.count, v.count)
        guard n > 1500 else { return (Array(t.prefix(n)), Array(v.prefix(n))) }
        let buckets = 700
        var ot: [Int64] = [], ov: [Double] = []
        for b in 0..<buckets {
            let lo = b * n / buckets, hi = max(lo + 1, (b + 1) * n / buckets)
            var iMin = lo, iMax = lo
            for i in lo..<hi {
                if v[i] < v[iMin] { iMin = i }
                if v[i] > v[iMax] { iMax = i }
            }
            for i in [min(iMin, iMax), max(iMin, iMax)] where ot.last != t[i] {
                ot.append(t[i])
                ov.append(v[i])
            }
        }
        return (ot, ov)
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw { p /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where p * m >= raw { return p * m }
        return p * 10
    }

    /// Tick times: whole days, weeks (Mondays), months or years, at most eight.
    static func dateTicks(_ t0: Int64, _ t1: Int64) -> [Int64] {
        let day: Int64 = 86_400
        let span = t1 - t0
        for days in [1, 2, 7, 14] as [Int64] where span / (days * day) <= 8 {
            let origin: Int64 = days >= 7 ? 4 * day : 0
            var t = ((t0 - origin + days * day - 1) / (days * day)) * (days * day) + origin
            var out: [Int64] = []
            while t <= t1 { out.append(t); t += days * day }
            return out
        }
        for months in [1, 2, 3, 6, 12, 24, 60, 120, 600] {
            var t = CivilDate.addMonths(t0 / day * day, 0)
            let (y, m, _) = CivilDate.civilFromDays(t / day)
            let index = y * 12 + (m - 1)
            let first = ((index + months - 1) / months) * months
            t = CivilDate.daysFromCivil(first / 12, first % 12 + 1, 1) * day
            var out: [Int64] = []
            while t <= t1, out.count <= 9 {
                if t >= t0 { out.append(t) }
                t = CivilDate.addMonths(t, months)
            }
            if out.count <= 8 { return out }
        }
        return [t0, t1]
    }

    /// A coordinate to a tenth, the same text on every machine.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

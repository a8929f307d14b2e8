import HeadroomCore

/// A table's numbers as horizontal bars in SVG (a runway comparison's months gained and cost
/// per month gained, a budget's cost by year): one row per table row, one panel per column,
/// the cell's text at the end of each bar. Deterministic, self-contained, light and dark.
public enum SVGBars {
    public static func render(_ b: Bars, title: String) -> String {
        let rowHeight = 24.0, top = 46.0, labelWidth = 150.0, width = 720.0, gap = 24.0
        let height = top + Double(b.labels.count) * rowHeight + 12
        let panelWidth = (width - labelWidth - 10 - gap * Double(b.panels.count - 1)) / Double(b.panels.count)
        let n = SVGChart.n, xml = SVGChart.xml
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">",
            "<title>\(xml(title))</title>",
            "<style>text{font:12px sans-serif;fill:#333}.bar{fill:#1f6fb4}.none{fill:#999}.axis{stroke:#777}"
                + "@media (prefers-color-scheme:dark){text{fill:#ddd}.bar{fill:#6cb4f0}.none{fill:#777}}</style>",
            "<text x=\"10\" y=\"18\">\(xml(title))</text>",
        ]
        for (i, label) in b.labels.enumerated() {
            let y = top + Double(i) * rowHeight
            out.append(
                "<text x=\"\(n(labelWidth))\" y=\"\(n(y + 15))\" text-anchor=\"end\">\(xml(String(label.prefix(22))))</text>"
            )
        }
        for (p, panel) in b.panels.enumerated() {
            let x0 = labelWidth + 10 + Double(p) * (panelWidth + gap)
            out.append("<g class=\"panel\"><text x=\"\(n(x0))\" y=\"38\">\(xml(panel.title))</text>")
            out.append(
                "<line class=\"axis\" x1=\"\(n(x0))\" x2=\"\(n(x0))\" y1=\"\(n(top - 2))\" y2=\"\(n(height - 10))\"/>")
            let largest = panel.values.compactMap { $0 }.filter(\.isFinite).map { max(0, $0) }.max() ?? 0
            for (i, v) in panel.values.enumerated() {
                let y = top + Double(i) * rowHeight
                let text = i < panel.texts.count ? panel.texts[i] : ""
                guard let v, v.isFinite, largest > 0 else {
                    out.append(
                        "<text class=\"none\" x=\"\(n(x0 + 4))\" y=\"\(n(y + 15))\">\(xml(text.isEmpty ? "–" : text))</text>"
                    )
                    continue
                }
                let length = max(0, v) / largest * (panelWidth - 90)
                out.append(
                    "<rect class=\"bar\" x=\"\(n(x0))\" y=\"\(n(y + 4))\" width=\"\(n(length))\" height=\"\(n(rowHeight - 8))\"/>"
                )
                out.append("<text x=\"\(n(x0 + length + 4))\" y=\"\(n(y + 15))\">\(xml(text))</text>")
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}

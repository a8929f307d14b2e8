/// A plain plan as a notebook: lines starting with `#'` are prose (the marker and one space
/// removed, as in R's spin and knitr); each run of code between them is a `plan` block.
/// Ordinary `#` comments stay in the code. Blank lines at either end of a run are dropped;
/// a run of blank lines only makes no block.
public enum PlanConversion {
    public static let proseMarker = "#'"

    public static func notebook(fromPlan text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        var out: [String] = []
        var code: [String] = []
        func flush() {
            while code.first?.isBlank == true { code.removeFirst() }
            while code.last?.isBlank == true { code.removeLast() }
            guard !code.isEmpty else { return }
            if let last = out.last, !last.isBlank { out.append("") }
            out += ["```plan"] + code + ["```", ""]
            code = []
        }
        for line in lines {
            if line.hasPrefix(proseMarker) {
                flush()
                var prose = line.dropFirst(proseMarker.count)
                if prose.first == " " { prose = prose.dropFirst() }
                out.append(String(prose))
            } else {
                code.append(line)
            }
        }
        flush()
        while out.last?.isBlank == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}

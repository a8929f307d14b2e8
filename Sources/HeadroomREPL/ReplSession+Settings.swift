import HeadroomCore

extension ReplSession {
    /// `:set` lists the display settings; `:set digits N` changes one.
    func set(_ name: String?, _ value: String?) -> Outcome {
        guard let name else {
            out("digits = \(host.options.digits)\n")
            out("width  = \(host.options.width.map(String.init) ?? "no limit")\n")
            return .ok
        }
        switch name {
        case "digits":
            guard let text = value, let n = Int(text), DisplayOptions.digitRange.contains(n) else {
                err(paint("error", "1;31") + ": :set digits needs a whole number from 1 to 15\n")
                return .failed
            }
            host.options.digits = n
            out("digits = \(n)\n")
            return .ok
        default:
            err(paint("error", "1;31") + ": no setting '\(name)'; settings: digits\n")
            return .failed
        }
    }
}

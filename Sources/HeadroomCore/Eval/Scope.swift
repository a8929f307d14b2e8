/// A local scope: function parameters and block variables. Globals live in the session.
public final class Scope: @unchecked Sendable {
    var vars: [String: Value]
    let parent: Scope?

    init(_ vars: [String: Value] = [:], parent: Scope?) {
        self.vars = vars
        self.parent = parent
    }

    func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let c = s {
            if let v = c.vars[name] { return v }
            s = c.parent
        }
        return nil
    }
}

/// A local scope: function parameters and block variables. Globals live in the session.
///
/// Memory is reference-counted. A function made in a scope closes over it, so binding that
/// function in the same scope, alone or inside a list or record, would make a cycle (the
/// scope holds the function, the function holds the scope) and neither would ever be freed.
/// Such a value is stored with `Scope.placeholder` in place of this scope, and made whole
/// again, closing over this scope, each time it is looked up.
public final class Scope: @unchecked Sendable {
    private var vars: [String: Value]
    /// Names whose stored value holds the placeholder.
    private var detached: Set<String> = []
    let parent: Scope?

    /// Stands for "the scope this value is stored in"; never looked up.
    private static let placeholder = Scope(parent: nil)

    init(_ vars: [String: Value] = [:], parent: Scope?) {
        self.vars = vars
        self.parent = parent
    }

    /// Binds a parameter of a call: its value was made before this scope, so cannot close
    /// over it.
    func bindParameter(_ name: String, _ value: Value) { vars[name] = value }

    subscript(_ name: String) -> Value? {
        get {
            guard let v = vars[name] else { return nil }
            return detached.contains(name) ? Scope.replace(v, Scope.placeholder, with: self).value : v
        }
        set {
            guard let v = newValue, Scope.holds(v, self) else {
                vars[name] = newValue
                detached.remove(name)
                return
            }
            vars[name] = Scope.replace(v, self, with: Scope.placeholder).value
            detached.insert(name)
        }
    }

    /// Whether `value` is or holds a closure over `scope` (without copying anything: most
    /// values bound are not functions, and lists can be long).
    private static func holds(_ value: Value, _ scope: Scope) -> Bool {
        switch value {
        case .function(let f):
            if case .closure(_, _, let captured) = f.body { return captured === scope } else { return false }
        case .list(let xs): return xs.contains { holds($0, scope) }
        case .record(let r): return r.fields.contains { holds($0.value, scope) }
        default: return false
        }
    }

    /// `value` with every closure over `old` closing over `new` instead, and whether any did.
    private static func replace(_ value: Value, _ old: Scope, with new: Scope) -> (value: Value, changed: Bool) {
        switch value {
        case .function(let f):
            guard case .closure(let params, let body, let captured) = f.body, captured === old else {
                return (value, false)
            }
            return (.function(Function(name: f.name, body: .closure(params: params, body: body, scope: new))), true)
        case .list(let xs):
            var changed = false
            let ys = xs.map { x in
                let r = replace(x, old, with: new)
                changed = changed || r.changed
                return r.value
            }
            return changed ? (.list(ys), true) : (value, false)
        case .record(let r):
            var changed = false
            let fields = r.fields.map { field in
                let x = replace(field.value, old, with: new)
                changed = changed || x.changed
                return (name: field.name, value: x.value)
            }
            return changed ? (.record(Record(fields)), true) : (value, false)
        default:
            return (value, false)
        }
    }

    /// Forgets every binding. A block does this on the way out when its value cannot reach a
    /// closure: that breaks the cycles the placeholder cannot, such as a closure over an
    /// inner block stored here (the inner scope's parent is this one). The one shape left is
    /// that case when the block's value also reaches a closure
    /// (`{ f = { k = 1; x => x + k }; f }`): it stays in memory until the process ends.
    func clear() {
        vars.removeAll()
        detached.removeAll()
    }

    /// The names bound here, for suggestions.
    var names: [String] { Array(vars.keys) }

    func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let c = s {
            if let v = c[name] { return v }
            s = c.parent
        }
        return nil
    }
}

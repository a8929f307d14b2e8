/// A local scope: function parameters and block variables. Globals live in the session.
///
/// A function made in a scope closes over it, so binding that function in the same scope
/// would make a reference cycle (the scope holds the function, the function holds the scope)
/// and neither would ever be freed. Such a function is kept as its recipe instead and made
/// afresh, closing over the scope, each time it is looked up.
public final class Scope: @unchecked Sendable {
    private(set) var vars: [String: Value]
    private var recipes: [String: (name: String, params: [Param], body: Expr)] = [:]
    let parent: Scope?

    init(_ vars: [String: Value] = [:], parent: Scope?) {
        self.vars = vars
        self.parent = parent
    }

    subscript(_ name: String) -> Value? {
        get {
            if let v = vars[name] { return v }
            guard let r = recipes[name] else { return nil }
            return .function(Function(name: r.name, body: .closure(params: r.params, body: r.body, scope: self)))
        }
        set {
            if case .function(let f)? = newValue, case .closure(let params, let body, let captured) = f.body, captured === self {
                recipes[name] = (f.name, params, body)
                vars[name] = nil
            } else {
                vars[name] = newValue
                recipes[name] = nil
            }
        }
    }

    /// The names bound here, for suggestions.
    var names: [String] { Array(vars.keys) + Array(recipes.keys) }

    /// Forgets every binding: a block does this on the way out when its value cannot reach
    /// a closure, which also breaks cycles through closures held inside lists or records.
    func clear() {
        vars.removeAll()
        recipes.removeAll()
    }

    func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let c = s {
            if let v = c[name] { return v }
            s = c.parent
        }
        return nil
    }
}

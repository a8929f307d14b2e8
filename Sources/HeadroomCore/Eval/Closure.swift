/// A function written in a plan (`fn f(x) = ...` or `x => ...`) with the frame it closes
/// over (nil at the top level, where names are the session's globals).
public struct Closure: Sendable {
    let code: CompiledFunction
    let frame: Frame?

    /// The parameters as written, for signatures, completion and argument binding.
    public var params: [Param] { code.params }
    /// The body as written.
    public var body: Expr { code.source }

    /// The same function closing over `other`.
    func over(_ other: Frame?) -> Closure { Closure(code: code, frame: other) }
}

/// A function body compiled once, when the definition is compiled: its parameters get the
/// slots of the call's frame in order, and each default value is compiled in that frame
/// (a default may use the parameters before it).
///
/// A function whose body and defaults make no closures and have no blocks is `flat`:
/// nothing can outlive a call to it holding its parameters, so they live on the
/// interpreter's value stack (`Locals`) instead of a heap `Frame`, and its body runs over
/// the frame the function closes over.
final class CompiledFunction: @unchecked Sendable {
    let params: [Param]
    let source: Expr
    let layout: FrameLayout
    let defaults: [Node?]
    let body: Node
    /// Whether every parameter is required: then a call with as many unlabelled arguments
    /// as parameters binds them in order without the general binder.
    let allRequired: Bool
    let flat: Bool
    /// `params.count`, kept apart for the call path.
    let arity: Int
    /// The body for plain numbers, when it computes nothing else from them (`NumericBody`).
    let numeric: NumericBody?

    init(
        params: [Param], source: Expr, layout: FrameLayout, defaults: [Node?], body: Node, flat: Bool,
        numeric: NumericBody? = nil
    ) {
        self.params = params
        self.numeric = numeric
        self.source = source
        self.layout = layout
        self.defaults = defaults
        self.body = body
        self.flat = flat
        arity = params.count
        allRequired = defaults.allSatisfy { $0 == nil }
    }
}

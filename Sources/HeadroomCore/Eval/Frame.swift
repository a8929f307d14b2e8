/// A local scope at run time: the parameters of one call, or the variables of one block.
///
/// Names are resolved before anything runs (`Compiler`): a local is a slot number in its
/// frame and a count of frames out, so looking one up walks no dictionaries. Globals live
/// in the session.
///
/// Memory is reference-counted. A function made in a frame closes over it, so binding that
/// function in the same frame, alone or inside a list or record, would make a cycle (the
/// frame holds the function, the function holds the frame) and neither would ever be freed.
/// Such a value is stored with `Frame.placeholder` in place of this frame, and made whole
/// again, closing over this frame, each time it is read.
public final class Frame: @unchecked Sendable {
    enum Slot {
        /// Not assigned yet: a name read here is looked up further out.
        case unbound
        case bound(Value)
        /// Holds a closure over this frame, stored closing over the placeholder.
        case detached(Value)
    }

    // The first four slots live in the frame itself (most calls have no more parameters),
    // so a call allocates one object.
    private var s0: Slot = .unbound, s1: Slot = .unbound, s2: Slot = .unbound, s3: Slot = .unbound
    private var more: [Slot]
    let parent: Frame?
    /// The names of the slots, for suggestions in messages.
    let layout: FrameLayout

    /// Stands for "the frame this value is stored in"; never read from.
    private static let placeholder = Frame(FrameLayout([]), parent: nil)

    init(_ layout: FrameLayout, parent: Frame?) {
        self.layout = layout
        self.parent = parent
        more = layout.names.count > 4 ? Array(repeating: .unbound, count: layout.names.count - 4) : []
    }

    private subscript(_ i: Int) -> Slot {
        @inline(__always) get {
            switch i {
            case 0: return s0
            case 1: return s1
            case 2: return s2
            case 3: return s3
            default: return more[i - 4]
            }
        }
        @inline(__always) set {
            switch i {
            case 0: s0 = newValue
            case 1: s1 = newValue
            case 2: s2 = newValue
            case 3: s3 = newValue
            default: more[i - 4] = newValue
            }
        }
    }

    /// Binds a parameter of a call: its value was made before this frame, so cannot close
    /// over it.
    @inline(__always)
    func bindParameter(_ slot: Int, _ value: Value) { self[slot] = .bound(value) }

    /// The value in `slot`, or nil when nothing is bound there yet.
    @inline(__always)
    func read(_ slot: Int) -> Value? {
        switch self[slot] {
        case .bound(let v): return v
        case .unbound: return nil
        case .detached(let v): return Frame.replace(v, Frame.placeholder, with: self).value
        }
    }

    func write(_ slot: Int, _ value: Value) {
        if Frame.holds(value, self) {
            self[slot] = .detached(Frame.replace(value, self, with: Frame.placeholder).value)
        } else {
            self[slot] = .bound(value)
        }
    }

    /// Whether `value` is or holds a closure over `frame` (without copying anything: most
    /// values bound are not functions, and lists can be long).
    private static func holds(_ value: Value, _ frame: Frame) -> Bool {
        switch value {
        case .function(let f):
            if case .closure(let c) = f.body { return c.frame === frame } else { return false }
        case .list(let xs): return xs.contains { holds($0, frame) }
        case .record(let r): return r.fields.contains { holds($0.value, frame) }
        default: return false
        }
    }

    /// `value` with every closure over `old` closing over `new` instead, and whether any did.
    private static func replace(_ value: Value, _ old: Frame, with new: Frame) -> (value: Value, changed: Bool) {
        switch value {
        case .function(let f):
            guard case .closure(let c) = f.body, c.frame === old else { return (value, false) }
            return (.function(Function(name: f.name, body: .closure(c.over(new)))), true)
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
    /// inner block stored here (the inner frame's parent is this one). The one shape left is
    /// that case when the block's value also reaches a closure
    /// (`{ f = { k = 1; x => x + k }; f }`): it stays in memory until the process ends.
    func clear() {
        for i in layout.names.indices { self[i] = .unbound }
    }

    /// The names bound in this frame and the frames around it, for suggestions.
    var boundNames: [String] {
        var names: [String] = []
        var f: Frame? = self
        while let c = f {
            for (i, n) in c.layout.names.enumerated() { if case .unbound = c[i] {} else { names.append(n) } }
            f = c.parent
        }
        return names
    }
}

/// The names a frame has slots for, in slot order: a function's parameters, or the names a
/// block assigns.
public final class FrameLayout: Sendable {
    let names: [String]
    init(_ names: [String]) { self.names = names }

    func slot(of name: String) -> Int? { names.firstIndex(of: name) }
}

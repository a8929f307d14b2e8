/// The slots of a running call to a flat function (one that makes no closures and has no
/// blocks, `CompiledFunction.flat`): its parameters, on the interpreter's value stack.
/// Nothing can close over them, so they need no heap frame; they live exactly as long as
/// the call.
typealias Locals = UnsafeMutablePointer<Value>

/// The interpreter's stack of flat calls' slots. Calls reserve and release in strict
/// last-in, first-out order. It grows in chunks that never move (a chunk is never
/// reallocated while slots in it are in use), so `Locals` pointers stay valid for the whole
/// call; how deep calls nest is bounded by `StackGuard`, not here.
final class ValueStack {
    private struct Chunk {
        let base: Locals
        let capacity: Int
    }
    private static let chunkSize = 4096

    private var chunks: [Chunk] = []
    /// The chunk in use (-1 before the first call), its slots and capacity (kept apart from
    /// `chunks` for the quick path), and how many of its slots are reserved.
    private var current = -1
    private var base: Locals
    private var capacity = 0
    private var used = 0
    /// For each chunk below `current`, how many of its slots were reserved when calls moved
    /// on to the next one.
    private var usedBelow: [Int] = []
    /// Passed as `Locals` where no flat call is running (never read: only a flat function's
    /// body reads its locals).
    let none: Locals

    init() {
        none = Locals.allocate(capacity: 1)
        none.initialize(to: .nothing)
        base = none
    }

    deinit {
        none.deinitialize(count: 1)
        none.deallocate()
        for c in chunks { c.base.deallocate() }
    }

    /// Slots reserved now, in every chunk (zero whenever no call is running).
    var reserved: Int { usedBelow.reduce(used, +) }

    /// `n` uninitialized slots; the caller initializes them, and deinitializes them before
    /// `release`.
    @inline(__always)
    func reserve(_ n: Int) -> Locals {
        if used + n <= capacity {
            let p = base + used
            used += n
            return p
        }
        return reserveInNextChunk(n)
    }

    /// Gives back the `n` slots at `p`, the last reserved, of which the first `bound` are
    /// initialized (they are deinitialized here).
    @inline(__always)
    func release(_ p: Locals, _ bound: Int, of n: Int) {
        for k in 0..<bound { _ = (p + k).move() }  // not `deinitialize`, which is generic here
        used -= n
        if used == 0, current > 0, n > 0 {
            current -= 1
            used = usedBelow.removeLast()
            base = chunks[current].base
            capacity = chunks[current].capacity
        }
    }

    private func reserveInNextChunk(_ n: Int) -> Locals {
        if current >= 0 { usedBelow.append(used) }
        current += 1
        if current < chunks.count, chunks[current].capacity < n {
            for c in chunks[current...] { c.base.deallocate() }
            chunks.removeSubrange(current...)
        }
        if current == chunks.count {
            let size = max(ValueStack.chunkSize, n)
            chunks.append(Chunk(base: Locals.allocate(capacity: size), capacity: size))
        }
        used = n
        base = chunks[current].base
        capacity = chunks[current].capacity
        return base
    }
}

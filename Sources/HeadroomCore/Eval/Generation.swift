import Synchronization

/// Numbers that are never handed out twice in a process. State that compiled code may
/// keep results from (the session's globals, its units) takes a new one on every change,
/// so "the same number" means "the same contents", even across a rollback to an older copy.
enum Generation {
    private static let counter = Atomic<Int>(0)

    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}

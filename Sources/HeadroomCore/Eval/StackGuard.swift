#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns runaway recursion into an error instead of a crash, by measuring how much of the
/// thread's stack the evaluator has used.
public struct StackGuard: Sendable {
    private var base: UInt = 0
    /// Bytes of stack the evaluator may use below the point where it started.
    public var budget: UInt

    public init(budget: UInt) { self.budget = budget }

    /// An address in the caller's stack frame.
    @inline(__always)
    static func here() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    public mutating func start() { base = StackGuard.here() }

    public var exhausted: Bool {
        let now = StackGuard.here()
        return base > now ? base - now > budget : now - base > budget
    }
}

/// Runs `body` on a new thread with a large stack (deep plans need more than the main
/// thread's 8 MiB) and waits for it. Returns what `body` returns.
public func withLargeStack<T>(bytes: Int = 1 << 30, _ body: @escaping () -> T) -> T {
    var result: T?
    let box = StackThreadBox()
    box.run = { result = body() }
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    pthread_attr_setstacksize(&attr, bytes)
    #if canImport(Glibc)
        var thread = pthread_t()
    #else
        var thread: pthread_t?
    #endif
    let ctx = Unmanaged.passRetained(box).toOpaque()
    let rc = pthread_create(
        &thread, &attr,
        { raw in
            guard let raw else { return nil }
            Unmanaged<StackThreadBox>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, ctx)
    pthread_attr_destroy(&attr)
    if rc != 0 {
        Unmanaged<StackThreadBox>.fromOpaque(ctx).release()
        return body()
    }
    #if canImport(Glibc)
        pthread_join(thread, nil)
    #else
        if let thread { pthread_join(thread, nil) }
    #endif
    guard let result else { return body() }  // the thread did not run it
    return result
}

private final class StackThreadBox: @unchecked Sendable {
    var run: () -> Void = {}
}

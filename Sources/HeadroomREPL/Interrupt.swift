import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C. A SIGINT handler sets a flag; the line editor and the evaluator look at it.
/// Installed without SA_RESTART, so a blocked read returns and the editor can give up the line.
public enum Interrupt {
    static let flag = Atomic<Bool>(false)

    public static var isSet: Bool { flag.load(ordering: .relaxed) }

    /// Reads and clears the flag.
    public static func take() -> Bool { flag.exchange(false, ordering: .relaxed) }

    public static func clear() { flag.store(false, ordering: .relaxed) }

    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.flag.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent (a test runner, a supervisor) may have left SIGINT blocked: unblock it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

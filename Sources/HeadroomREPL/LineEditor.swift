import CEditLine
import HeadroomIO

#if canImport(Glibc)
    import Glibc
#endif

/// Line editing with libedit: Emacs keys, history (Up/Down, Ctrl-R), Tab completion.
///
/// libedit reads keys through `readKey` below, so Ctrl-C (which interrupts the read) gives up
/// the line instead of being lost.
final class LineEditor {
    enum Input: Equatable { case line(String), interrupted, end }

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    let historyPath: String?
    var complete: (String) -> Completer.Result = { _ in Completer.Result(replacing: 0, candidates: []) }

    init?(historyPath: String?) {
        // libedit wants FILE streams; fresh ones over fds 0-2 avoid the C globals.
        guard let input = fdopen(0, "r"), let output = fdopen(1, "w"), let errors = fdopen(2, "w"),
            let e = el_init("headroom", input, output, errors), let h = history_init()
        else { return nil }
        editor = e
        history = h
        self.historyPath = historyPath
        hr_history_setsize(h, Int32(HistoryLocation.maxEntries))
        hr_history_setunique(h, 1)
        hr_el_set_history(e, h)
        hr_el_set_editor(e, "emacs")
        hr_el_set_signal(e, 0)
        hr_el_set_clientdata(e, Unmanaged.passUnretained(self).toOpaque())
        hr_el_set_prompt(e) { e in
            LineEditor.from(e)?.promptBuffer
                ?? UnsafeMutablePointer(
                    mutating: ("" as StaticString).utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) { $0 })
        }
        hr_el_set_getc(e) { _, out in LineEditor.readKey(out) }
        hr_el_addfn(e, "headroom-complete", "complete the word before the cursor") { e, _ in
            LineEditor.from(e)?.completeWord() ?? UInt8(CC_ERROR)
        }
        hr_el_bind(e, "^I", "headroom-complete")
        hr_el_addfn(e, "headroom-search", "search the history as you type") { e, _ in
            LineEditor.from(e)?.searchHistory() ?? UInt8(CC_ERROR)
        }
        hr_el_bind(e, "^R", "headroom-search")
        el_source(e, nil)  // the user's ~/.editrc, if any
        if let path = historyPath {
            if let slash = path.lastIndex(of: "/") { SystemIO.makeDirectories(String(path[..<slash])) }
            hr_history_load(h, path)
        }
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(promptBuffer)
    }

    static func from(_ e: OpaquePointer?) -> LineEditor? {
        guard let e, let raw = hr_el_get_clientdata(e) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Reads one line with `prompt`; `.interrupted` on Ctrl-C, `.end` on Ctrl-D at an empty line.
    func read(prompt: String) -> Input {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        el_resize(editor)
        Interrupt.clear()  // a Ctrl-C that came between lines must not cancel this one
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        if Interrupt.take() { return .interrupted }
        guard let line, count > 0 else { return .end }
        return .line(String(cString: line))
    }

    /// Adds a whole entry (several lines are one entry) and saves the file, so a killed
    /// process keeps its history.
    func remember(_ entry: String) {
        var text = entry
        while text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { return }
        hr_history_enter(history, text)
        if let historyPath { hr_history_save(history, historyPath) }
    }

    /// libedit's key reader: one UTF-8 character from the terminal. -1 on Ctrl-C.
    static func readKey(_ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        var bytes: [UInt8] = []
        var need = 1
        while bytes.count < need {
            var b: UInt8 = 0
            let n = Glibc.read(0, &b, 1)
            if n < 0, errno == EINTR {
                if Interrupt.isSet { return -1 }
                continue
            }
            if n <= 0 { return n == 0 && bytes.isEmpty ? 0 : -1 }
            if bytes.isEmpty {
                need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            }
            bytes.append(b)
        }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
        out?.pointee = wchar_t(bitPattern: scalar)
        return 1
    }

    /// Tab: insert the completion, or the common prefix, or list the candidates.
    private func completeWord() -> UInt8 {
        guard let info = el_line(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: cursor - buffer), as: UTF8.self)
        let result = complete(before)
        guard !result.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let typed = String(before.suffix(result.replacing))
        let insertion = result.insertion
        if insertion.count > typed.count, insertion.hasPrefix(typed) {
            el_insertstr(editor, String(insertion.dropFirst(typed.count)))
            return UInt8(CC_REFRESH)
        }
        if result.candidates.count == 1 { return UInt8(CC_REFRESH) }
        // Several candidates and nothing more in common: list them under the line.
        let width = (result.candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, 80 / width)
        var text = "\n"
        for (i, c) in result.candidates.prefix(200).enumerated() {
            text += c.padding(to: width - 1)
            if (i + 1) % perRow == 0 { text += "\n" }
        }
        if !text.hasSuffix("\n") { text += "\n" }
        if result.candidates.count > 200 { text += "… \(result.candidates.count - 200) more\n" }
        SystemIO.write(text, to: .out)
        SystemIO.flush()
        return UInt8(CC_REDISPLAY)
    }

    /// Entries, newest first.
    private func historyEntries() -> [String] {
        var out: [String] = []
        var p = hr_history_first(history)
        while let entry = p, out.count < 10_000 {
            out.append(String(cString: entry))
            p = hr_history_next(history)
        }
        return out
    }

    /// The line being edited, and the cursor's offset in it.
    private var currentLine: String {
        guard let info = el_line(editor)?.pointee, let buffer = info.buffer, let last = info.lastchar else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: last - buffer), as: UTF8.self)
    }

    /// Replaces the line being edited with `text`, the cursor at its end.
    private func replaceLine(_ text: String) {
        if let info = el_line(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor,
            let last = info.lastchar
        {
            el_cursor(editor, Int32(last - cursor))
            el_deletestr(editor, Int32(last - buffer))
        }
        if !text.isEmpty { el_insertstr(editor, text) }
    }

    /// Ctrl-R: search the history as you type, with a prompt that says so
    /// (`(search history) 'runw': runway(...)`). Ctrl-R again finds an older match; Enter runs
    /// the match, Ctrl-G or Ctrl-C puts the line back, any other key keeps the match to edit.
    func searchHistory() -> UInt8 {
        let entries = historyEntries()
        let original = currentLine
        let prompt = promptBuffer.map { String(cString: $0) } ?? ""
        var query = "", skip = 0
        func show() {
            let matches = query.isEmpty ? [] : entries.filter { $0.contains(query) }
            let found = skip < matches.count ? matches[skip] : nil
            free(promptBuffer)
            promptBuffer = strdup(
                (found == nil && !query.isEmpty ? "(no match) " : "(search history) ") + "'\(query)': ")
            replaceLine(found ?? (query.isEmpty ? original : currentLine))
            // libedit redraws from where it thinks the cursor is: start the line afresh.
            SystemIO.write("\r\u{1B}[J", to: .out)
            SystemIO.flush()
            hr_el_refresh(editor)
        }
        // Back to the usual prompt, redrawn, with `line` (or the match) on it.
        func leave(_ line: String?) {
            free(promptBuffer)
            promptBuffer = strdup(prompt)
            if let line { replaceLine(line) }
            SystemIO.write("\r\u{1B}[J", to: .out)
            SystemIO.flush()
            hr_el_refresh(editor)
        }
        show()
        while true {
            var key: wchar_t = 0
            guard LineEditor.readKey(&key) == 1 else {
                leave(original)
                return UInt8(CC_REDISPLAY)
            }
            switch key {
            case 0x0D, 0x0A:  // Enter: run the match
                leave(nil)
                SystemIO.write("\n", to: .out)
                SystemIO.flush()
                return UInt8(CC_NEWLINE)
            case 0x12:  // Ctrl-R: an older match
                skip += 1
            case 0x07, 0x03, 0x1B:  // Ctrl-G, Ctrl-C, Esc: put the line back
                leave(original)
                return UInt8(CC_REDISPLAY)
            case 0x7F, 0x08:  // Backspace
                if !query.isEmpty { query.removeLast() }
                skip = 0
            default:
                guard key >= 0x20, let scalar = UnicodeScalar(UInt32(bitPattern: key)) else {
                    leave(nil)  // another key: keep the match and edit it
                    return UInt8(CC_REDISPLAY)
                }
                query.append(Character(scalar))
                skip = 0
            }
            show()
        }
    }
}

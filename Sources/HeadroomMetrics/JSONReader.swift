import HeadroomCSV

/// A pull reader over JSON bytes (RFC 8259): the caller walks the document it expects, and
/// anything else is skipped, still checked for syntax. Strings without escapes and numbers
/// are read in place, so a large API answer costs no allocation per value.
///
/// The bytes are either all there (a snapshot's answer) or fed as they arrive (`Feed`, an
/// HTTP body): then the reader keeps only the bytes from the token it is reading on, and a
/// 30 MB answer is never held whole.
struct JSONReader {
    /// The bytes are not JSON.
    struct Syntax: Error {}

    /// Bytes as they arrive: `next` gives the following piece (valid until it is called
    /// again), nil at the end. The reader copies what it still needs into `window`.
    final class Feed {
        let next: () -> UnsafeRawBufferPointer?
        fileprivate var window: UnsafeMutablePointer<UInt8>
        fileprivate(set) var capacity = 1 << 16
        fileprivate var count = 0
        init(_ next: @escaping () -> UnsafeRawBufferPointer?) {
            self.next = next
            window = .allocate(capacity: capacity)
        }
        deinit { window.deallocate() }
    }

    private var b: UnsafeBufferPointer<UInt8>
    private(set) var i = 0
    private let feed: Feed?
    /// Where the token being read starts (-1 between tokens): its bytes are kept when more
    /// arrive, and ranges into it stay valid until the next read.
    private var pin = -1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        feed = nil
    }

    init(_ feed: Feed) {
        self.feed = feed
        b = UnsafeBufferPointer(start: feed.window, count: 0)
    }

    /// Whether `k` more bytes are there (fetching more when fed).
    @inline(__always)
    private mutating func has(_ k: Int = 1) -> Bool { i + k <= b.count || fill(k) }

    /// Moves the bytes still needed (from the pinned token, else from `i`) to the front of
    /// the window and appends what arrives until `k` bytes are there or the feed ends.
    @inline(never)
    private mutating func fill(_ k: Int) -> Bool {
        guard let feed else { return false }
        while i + k > b.count {
            let keep = pin >= 0 ? pin : i
            let kept = feed.count - keep
            if keep > 0 {
                feed.window.update(from: feed.window + keep, count: kept)
                feed.count = kept
                i -= keep
                if pin >= 0 { pin = 0 }
            }
            guard let more = feed.next() else {
                b = UnsafeBufferPointer(start: feed.window, count: feed.count)
                return false
            }
            if feed.count + more.count > feed.capacity {
                var capacity = feed.capacity * 2
                while capacity < feed.count + more.count { capacity *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.update(from: feed.window, count: feed.count)
                feed.window.deallocate()
                feed.window = grown
                feed.capacity = capacity
            }
            if let base = more.baseAddress {
                (feed.window + feed.count).update(from: base.assumingMemoryBound(to: UInt8.self), count: more.count)
            }
            feed.count += more.count
            b = UnsafeBufferPointer(start: feed.window, count: feed.count)
        }
        return true
    }

    var atEnd: Bool {
        mutating get {
            ws()
            return !has()
        }
    }

    private mutating func ws() {
        while has(), b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    /// The first byte of the next value (`{`, `[`, `"`, a digit or `-`, `t`, `f`, `n`).
    mutating func peek() throws(Syntax) -> UInt8 {
        ws()
        guard has() else { throw Syntax() }
        return b[i]
    }

    private mutating func expect(_ c: UInt8) throws(Syntax) {
        ws()
        guard has(), b[i] == c else { throw Syntax() }
        i += 1
    }

    /// Calls `member` with each key of an object; `member` reads or skips the value.
    mutating func object(_ member: (inout JSONReader, String) throws(Syntax) -> Void) throws(Syntax) {
        try expect(0x7B)
        if try peek() == 0x7D {
            i += 1
            return
        }
        while true {
            let key = try string()
            try expect(0x3A)
            try member(&self, key)
            ws()
            guard has() else { throw Syntax() }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            guard b[i] == 0x7D else { throw Syntax() }
            i += 1
            return
        }
    }

    /// Calls `item` for each element of an array; `item` reads or skips it.
    mutating func array(_ item: (inout JSONReader) throws(Syntax) -> Void) throws(Syntax) {
        try expect(0x5B)
        if try peek() == 0x5D {
            i += 1
            return
        }
        while true {
            try item(&self)
            ws()
            guard has() else { throw Syntax() }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            guard b[i] == 0x5D else { throw Syntax() }
            i += 1
            return
        }
    }

    /// A string's text.
    mutating func string() throws(Syntax) -> String {
        let r = try stringBytes()
        if let raw = r.raw { return String(decoding: UnsafeBufferPointer(rebasing: b[raw]), as: UTF8.self) }
        return String(decoding: r.decoded, as: UTF8.self)
    }

    /// A string's bytes: the range in the input when it has no escapes (valid until the
    /// next read), else decoded.
    mutating func stringBytes() throws(Syntax) -> (raw: Range<Int>?, decoded: [UInt8]) {
        try expect(0x22)
        pin = i
        while has(), b[i] != 0x22, b[i] != 0x5C {
            guard b[i] >= 0x20 else { throw Syntax() }
            i += 1
        }
        guard has() else { throw Syntax() }
        let start = pin
        pin = -1
        if b[i] == 0x22 {
            i += 1
            return (start..<(i - 1), [])
        }
        var out = Array(b[start..<i])
        while true {
            guard has() else { throw Syntax() }
            let c = b[i]
            i += 1
            if c == 0x22 { return (nil, out) }
            guard c == 0x5C else {
                guard c >= 0x20 else { throw Syntax() }
                out.append(c)
                continue
            }
            guard has() else { throw Syntax() }
            let e = b[i]
            i += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), has(2), b[i] == 0x5C, b[i + 1] == 0x75 {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: throw Syntax()
            }
        }
    }

    private mutating func hex4() throws(Syntax) -> UInt32 {
        guard has(4) else { throw Syntax() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Syntax()
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// A number, checked against JSON's grammar.
    mutating func number() throws(Syntax) -> Double {
        ws()
        pin = i
        if has(), b[i] == 0x2D { i += 1 }
        guard has(), b[i] &- 0x30 < 10 else { throw Syntax() }
        if b[i] == 0x30 { i += 1 } else { while has(), b[i] &- 0x30 < 10 { i += 1 } }
        if has(), b[i] == 0x2E {
            i += 1
            guard has(), b[i] &- 0x30 < 10 else { throw Syntax() }
            while has(), b[i] &- 0x30 < 10 { i += 1 }
        }
        if has(), b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if has(), b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard has(), b[i] &- 0x30 < 10 else { throw Syntax() }
            while has(), b[i] &- 0x30 < 10 { i += 1 }
        }
        let start = pin
        pin = -1
        guard let v = DecimalBytes.parse(UnsafeBufferPointer(rebasing: b[start..<i])) else { throw Syntax() }
        return v
    }

    /// The bytes of `range` (from `stringBytes`, before any further read), for reading a
    /// number inside a string.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[range]) }

    /// Skips any value, checking it. Nesting deeper than 512 is refused, as Foundation's
    /// parser refuses it: a hostile answer cannot exhaust the stack.
    mutating func skip(depth: Int = 0) throws(Syntax) {
        guard depth < 512 else { throw Syntax() }
        switch try peek() {
        case 0x7B: try object { r, _ throws(Syntax) in try r.skip(depth: depth + 1) }
        case 0x5B: try array { r throws(Syntax) in try r.skip(depth: depth + 1) }
        case 0x22: _ = try stringBytes()
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Syntax) {
        let n = word.utf8CodeUnitCount
        guard has(n) else { throw Syntax() }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw Syntax() }
        i += n
    }
}

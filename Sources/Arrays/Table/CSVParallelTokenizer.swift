import Foundation

/// The parallel tokenizer for quote-free CSV: one chunk per core, split at line ends.
extension CSVReader {
  /// Inputs at least this large, without any quote character, are tokenized in
  /// parallel chunks split at line ends (no field can span lines without quotes).
  public static let parallelMinimumBytes = 1 << 20

  /// The fast path: a quote-free file split into one chunk per core at line ends.
  /// Returns nil (so the sequential tokenizer runs and reports any error exactly) when
  /// the input is small, contains a quote, or a row has the wrong number of fields.
  static func tokenizeInParallel(
    _ p: UnsafeBufferPointer<UInt8>, minimumBytes: Int, isCancelled: @escaping @Sendable () -> Bool = { false }
  ) -> (header: [String], cells: [Field], width: Int)? {
    let n = p.count - 1
    let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), comma = UInt8(ascii: ",")
    guard n >= minimumBytes, memchr(p.baseAddress!, Int32(UInt8(ascii: "\"")), n) == nil else { return nil }
    guard let headerEnd = (0..<n).first(where: { p[$0] == lf }) else { return nil }
    var lineEnd = headerEnd
    if lineEnd > 0 && p[lineEnd - 1] == cr { lineEnd -= 1 }
    var header: [String] = []
    var fieldStart = 0
    for i in 0...lineEnd where i == lineEnd || p[i] == comma {
      let name = String(decoding: UnsafeBufferPointer(rebasing: p[fieldStart..<i]), as: UTF8.self)
      header.append(name.isEmpty ? "Unnamed: \(header.count)" : name)
      fieldStart = i + 1
    }
    let width = header.count
    let chunkCount = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8))
    var bounds = [headerEnd + 1]
    for c in 1..<chunkCount {
      var b = Swift.max(bounds[c - 1], headerEnd + 1 + (n - headerEnd - 1) * c / chunkCount)
      while b < n && p[b - 1] != lf { b += 1 }
      bounds.append(b)
    }
    bounds.append(n)
    // Pass 1: count the lines of each chunk, so every chunk knows where its rows go.
    var lineCounts = [Int](repeating: 0, count: chunkCount)
    lineCounts.withUnsafeMutableBufferPointer { out in
      let shared = UncheckedSendable((out, p, bounds))
      DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
        let (counts, p, bounds) = shared.value
        counts[c] = countLines(p, bounds[c], bounds[c + 1], isLast: c == chunkCount - 1)
      }
    }
    var firstRow = [0]
    for count in lineCounts { firstRow.append(firstRow[firstRow.count - 1] + count) }
    let rows = firstRow[chunkCount]
    guard ArrayLimits.elementCount([rows, width]) != nil, !isCancelled(),
      (try? MemoryBudget.check(count: rows * width, stride: MemoryLayout<Field>.stride)) != nil
    else { return nil }
    if rows == 0 { return (header, [], width) }
    // Pass 2: tokenize each chunk straight into its slice of one buffer. A blank line
    // or a wrong field count marks the chunk failed; the sequential pass then reports it.
    var failed = [Bool](repeating: false, count: chunkCount)
    let cells = [Field](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
      failed.withUnsafeMutableBufferPointer { failures in
        let shared = UncheckedSendable((buffer, failures, p, bounds, firstRow))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
          let (out, failures, p, bounds, firstRow) = shared.value
          let expected = firstRow[c + 1] - firstRow[c]
          let written = tokenizeChunk(
            p, bounds[c], bounds[c + 1], width: width, rows: expected, into: out.baseAddress! + firstRow[c] * width,
            isCancelled: isCancelled)
          failures[c] = written != expected
        }
      }
      // Field is a plain struct of integers, so a failed (discarded) buffer needs no cleanup.
      initialized = failed.contains(true) ? 0 : rows * width
    }
    guard !failed.contains(true) else { return nil }
    return (header, cells, width)
  }
}

extension CSVReader {
  /// The number of lines in bytes [start, end): line feeds, plus an unterminated last line.
  static func countLines(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isLast: Bool) -> Int {
    var count = 0
    var i = start
    let raw = UnsafeRawPointer(p.baseAddress!)
    while i &+ 8 <= end {
      // Exact zero-byte flags of w ^ '\n'·0x01…01 (no false positives), then popcount.
      let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
      let low7 = 0x7F7F_7F7F_7F7F_7F7F as UInt64
      let zeros = ~(((v & low7) &+ low7) | v | low7)
      count &+= zeros.nonzeroBitCount
      i &+= 8
    }
    while i < end {
      if p[i] == 10 { count &+= 1 }
      i &+= 1
    }
    if isLast && end > start && p[end - 1] != 10 { count &+= 1 }
    return count
  }

  /// Tokenizes the quote-free rows in [start, end) into `out` (`rows` × `width` fields).
  /// Returns the number of rows written; fewer or more than `rows` means the chunk has a
  /// blank line or a row with the wrong number of fields.
  static func tokenizeChunk(
    _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, width: Int, rows: Int,
    into out: UnsafeMutablePointer<Field>, isCancelled: () -> Bool = { false }
  ) -> Int {
    let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), comma = UInt8(ascii: ",")
    let raw = UnsafeRawPointer(p.baseAddress!)
    @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 {
      (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }
    var row = 0
    var i = start
    while i < end {
      if p[i] == lf || p[i] == cr { return -1 }  // a blank line: let the sequential pass decide
      guard row < rows else { return -1 }
      if row & 0xFFFF == 0xFFFF && isCancelled() { return -1 }
      var fields = 0
      var fieldStart = i
      while true {
        // Skip eight bytes at a time while none is a separator or line end (SWAR: a
        // byte equal to c makes (w ^ c·0x01…01) have a zero byte; the lowest flagged
        // byte is always a true match).
        while i &+ 8 <= end {
          let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          let hits = zeroBytes(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
            | zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D)
          if hits != 0 {
            i &+= hits.trailingZeroBitCount >> 3
            break
          }
          i &+= 8
        }
        let b = p[i]
        if i == end || b == comma || b == lf || b == cr {
          guard fields < width else { return -1 }
          out[row &* width &+ fields] = Field(start: fieldStart, end: i, escaped: false)
          fields &+= 1
          if i < end && b == comma {
            i &+= 1
            fieldStart = i
            continue
          }
          break
        }
        i &+= 1
      }
      if fields != width { return -1 }
      if i < end && p[i] == cr { i &+= 1 }
      if i < end && p[i] == lf { i &+= 1 }
      row &+= 1
    }
    return row
  }
}

/// Hands pointers to `concurrentPerform` where each iteration touches disjoint data.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

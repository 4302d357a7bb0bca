import Foundation

/// The parallel tokenizer for quote-free CSV: one chunk per core, split at line ends.
extension CSVReader {
  /// Inputs at least this large, without any quote character, are tokenized in
  /// parallel chunks split at line ends (no field can span lines without quotes).
  public static let parallelMinimumBytes = 1 << 20

  /// The fast path: a quote-free file split into one chunk per core at line ends.
  /// Returns nil (so the sequential tokenizer runs and reports any error exactly) when
  /// the input is small, contains a quote, or a row has the wrong number of fields.
  static func tokenizeInParallel(_ p: UnsafeBufferPointer<UInt8>, minimumBytes: Int) -> (header: [String], cells: [Field], width: Int)? {
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
    var chunks = [[Field]?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { out in
      let shared = UncheckedSendable((out, p, bounds))
      DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
        let (results, p, bounds) = shared.value
        let raw = UnsafeRawPointer(p.baseAddress!)
        @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 {
          (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
        }
        var cells: [Field] = []
        cells.reserveCapacity((bounds[c + 1] - bounds[c]) / 4)
        var i = bounds[c]
        let end = bounds[c + 1]
        while i < end {
          if p[i] == lf || p[i] == cr {  // blank line
            i += 1
            continue
          }
          var fields = 0
          var start = i
          while true {
            // Skip eight bytes at a time while none is a separator or line end (SWAR:
            // a byte equal to c makes (w ^ c·0x01…01) have a zero byte; the lowest
            // flagged byte is always a true match).
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
              cells.append(Field(start: start, end: i, escaped: false))
              fields += 1
              if i < end && b == comma {
                i += 1
                start = i
                continue
              }
              break
            }
            i += 1
          }
          if fields != width { return }  // leave nil: the sequential pass reports it
          if i < end && p[i] == cr { i += 1 }
          if i < end && p[i] == lf { i += 1 }
        }
        results[c] = cells
      }
    }
    var cells: [Field] = []
    cells.reserveCapacity(chunks.reduce(0) { $0 + ($1?.count ?? 0) })
    for chunk in chunks {
      guard let chunk else { return nil }
      cells += chunk
    }
    return (header, cells, width)
  }
}

/// Hands pointers to `concurrentPerform` where each iteration touches disjoint data.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

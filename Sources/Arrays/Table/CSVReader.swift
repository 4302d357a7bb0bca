import Foundation

/// Reads comma-separated values into a `Table` with inferred column types.
///
/// Fields follow RFC 4180: optional double quotes, `""` for a quote inside a quoted
/// field, separators and newlines allowed inside quotes, LF or CRLF line ends. The first
/// row is the header (an empty name becomes "Unnamed: i", as pandas names it). Blank
/// lines are skipped. A column is Int if every present value is an integer, else Double
/// if every present value is a number, else Bool if every present value is
/// true/false (any case), else String. Missing values are pandas' defaults ("", "NA",
/// "NaN", "null", "None", "N/A", …): NaN in numeric columns (an Int column with gaps
/// becomes Double) and nil in String columns.
///
/// References: RFC 4180, "Common Format and MIME Type for CSV Files", 2005.
public enum CSVReader {
  static let missingMarkers: Set<String> = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
  ]

  /// Reads the CSV file at `path`.
  ///
  /// Only a regular file is read (a FIFO, a device or a directory is refused before
  /// anything blocks on it), its size is checked against the 2 GB limit and the memory
  /// budget before a byte is read, and `isCancelled` is asked between 16 MB chunks and
  /// while parsing; when it says yes the read stops with `CancellationError`.
  /// - Throws: `TableError.io` if the path holds a NUL byte or the file cannot be read;
  ///   `.malformedCSV` naming the row, line and column of a wrong field count or a bad
  ///   quote; `MemoryBudgetError`; `CancellationError`.
  public static func read(path: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> Table {
    let bytes = try readBytes(path, isCancelled: isCancelled)
    return try bytes.withUnsafeBufferPointer {
      try parseTerminated($0, parallelMinimumBytes: parallelMinimumBytes, isCancelled: isCancelled)
    }
  }

  /// The bytes read between two cancellation checks.
  static let readChunkBytes = 16 << 20

  /// The file's bytes followed by a 0 terminator, read straight into one array (no
  /// intermediate `Data`, no copy to append the terminator).
  static func readBytes(_ path: String, isCancelled: @Sendable () -> Bool = { false }) throws -> [UInt8] {
    guard !path.utf8.contains(0) else {
      throw TableError.io(path: path.replacingOccurrences(of: "\0", with: "\\0"), message: "the path contains a NUL byte")
    }
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; the file is
    // checked to be regular before anything reads it.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      throw TableError.io(path: path, message: "cannot open the file (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw TableError.io(path: path, message: "not a regular file")
    }
    let size = Int(info.st_size)
    guard size <= maximumBytes + 3 else {  // + a byte-order mark
      throw TableError.io(path: path, message: "\(size) bytes is larger than 2 GB, which the reader does not support")
    }
    try MemoryBudget.check(bytes: size)
    var failure: Int32 = 0
    var cancelled = false
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      var done = 0
      while done < size {
        if isCancelled() {
          cancelled = true
          break
        }
        let got = Foundation.read(fd, buffer.baseAddress! + done, Swift.min(size - done, readChunkBytes))
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failure = got < 0 ? errno : EIO
          break
        }
        done += got
      }
      count = done
    }
    if cancelled { throw CancellationError() }
    if failure != 0 {
      throw TableError.io(path: path, message: "read failed (\(String(cString: strerror(failure))))")
    }
    bytes.append(0)  // within the reserved capacity
    return bytes
  }

  /// Parses CSV text.
  public static func parse(_ text: String) throws -> Table { try parse(bytes: Array(text.utf8)) }

  /// Parses CSV bytes. Quote-free inputs of at least `parallelMinimumBytes` are split
  /// into per-core chunks; the result is the same either way.
  public static func parse(bytes input: [UInt8], parallelMinimumBytes: Int = CSVReader.parallelMinimumBytes) throws -> Table {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(input.count + 1)
    bytes.append(contentsOf: input)
    bytes.append(0)  // a terminator for strtod
    return try bytes.withUnsafeBufferPointer { try parseTerminated($0, parallelMinimumBytes: parallelMinimumBytes) }
  }

  /// Parses bytes whose last byte is a 0 terminator (not part of the text).
  static func parseTerminated(
    _ whole: UnsafeBufferPointer<UInt8>, parallelMinimumBytes: Int, isCancelled: @escaping @Sendable () -> Bool = { false }
  ) throws -> Table {
    var p = whole
    if whole.count >= 4 && whole[0] == 0xEF && whole[1] == 0xBB && whole[2] == 0xBF {
      p = UnsafeBufferPointer(rebasing: whole[3...])  // skip a UTF-8 byte-order mark
    }
    guard p.count - 1 <= maximumBytes else {
      throw TableError.io(path: "CSV input", message: "larger than 2 GB, which the reader does not support")
    }
    let (header, cells, width) =
      try tokenizeInParallel(p, minimumBytes: parallelMinimumBytes, isCancelled: isCancelled) ?? tokenize(p, isCancelled: isCancelled)
    if isCancelled() { throw CancellationError() }
    // Columns are independent: infer their types on all cores.
    let columnCount = width
    var typed = [TableColumn](repeating: .int([]), count: columnCount)
    let rows = columnCount == 0 ? 0 : cells.count / columnCount
    cells.withUnsafeBufferPointer { fields in
      typed.withUnsafeMutableBufferPointer { out in
        // Each iteration writes only its own slot and reads the immutable input.
        let shared = UncheckedSendable((out, p, fields))
        DispatchQueue.concurrentPerform(iterations: columnCount) { k in
          let (results, bytes, fields) = shared.value
          results[k] = inferColumn(bytes, ColumnFields(cells: fields, column: k, width: columnCount, count: rows), isCancelled: isCancelled)
        }
      }
    }
    if isCancelled() { throw CancellationError() }
    return Table(unchecked: header, typed)
  }
}

/// `readCSV(path)`: reads a CSV file into a `Table` (see `CSVReader`).
public func readCSV(_ path: String, isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> Table {
  try CSVReader.read(path: path, isCancelled: isCancelled)
}


internal import CZeroMQ
import Foundation

/// A libzmq context. Contexts are thread-safe; sockets are not (each `ZMQSocket` is used by
/// one thread at a time, or under a lock).
final class ZMQContext: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer

  init() {
    guard let h = zmq_ctx_new() else { fatalError("zmq_ctx_new failed: \(ZMQError.last)") }
    handle = h
  }

  /// Makes blocking calls (and `zmq_proxy`) on every socket return `ETERM`.
  func shutdown() { zmq_ctx_shutdown(handle) }

  /// Waits for every socket to be closed, then frees the context.
  func terminate() {
    while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
  }
}

struct ZMQError: Error, CustomStringConvertible {
  var code: Int32
  var operation: String
  var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }
  static var last: String { String(cString: zmq_strerror(zmq_errno())) }
}

/// One ZeroMQ socket with multipart send and receive of byte frames.
final class ZMQSocket: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer
  let name: String

  init(_ context: ZMQContext, type: Int32, name: String) throws {
    guard let h = zmq_socket(context.handle, type) else {
      throw ZMQError(code: zmq_errno(), operation: "zmq_socket(\(name))")
    }
    handle = h
    self.name = name
  }

  func setOption(_ option: Int32, _ value: Int32) throws {
    var v = value
    guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else {
      throw ZMQError(code: zmq_errno(), operation: "zmq_setsockopt(\(name), \(option))")
    }
  }

  /// Binds and returns the endpoint actually bound (useful with `tcp://ip:*`).
  @discardableResult
  func bind(_ endpoint: String) throws -> String {
    guard zmq_bind(handle, endpoint) == 0 else {
      throw ZMQError(code: zmq_errno(), operation: "bind \(name) to \(endpoint)")
    }
    var buffer = [CChar](repeating: 0, count: 512)
    var size = buffer.count
    guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { return endpoint }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  func connect(_ endpoint: String) throws {
    guard zmq_connect(handle, endpoint) == 0 else {
      throw ZMQError(code: zmq_errno(), operation: "connect \(name) to \(endpoint)")
    }
  }

  /// Sends all frames as one multipart message. Returns false if libzmq refused (the
  /// context is shutting down, or a non-blocking send would block).
  @discardableResult
  func send(_ frames: [[UInt8]], dontWait: Bool = false) -> Bool {
    for (i, frame) in frames.enumerated() {
      var flags: Int32 = i < frames.count - 1 ? ZMQ_SNDMORE : 0
      if dontWait { flags |= ZMQ_DONTWAIT }
      let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
      if rc < 0 { return false }
    }
    return true
  }

  /// Receives one multipart message; `nil` when nothing is waiting (with `dontWait`) or
  /// the context is shutting down.
  func receive(dontWait: Bool = false) -> [[UInt8]]? {
    // zmq_msg_t keeps small messages inside the struct: it needs a stable address.
    let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
    defer { message.deallocate() }
    var frames: [[UInt8]] = []
    while true {
      zmq_msg_init(message)
      if zmq_msg_recv(message, handle, dontWait ? ZMQ_DONTWAIT : 0) < 0 {
        zmq_msg_close(message)
        return nil
      }
      let size = zmq_msg_size(message)
      if size > 0, let data = zmq_msg_data(message) {
        frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
      } else {
        frames.append([])
      }
      let more = zmq_msg_more(message) != 0
      zmq_msg_close(message)
      if !more { return frames }
    }
  }

  func close() { zmq_close(handle) }

  /// Waits up to `timeout` seconds for any of `sockets` to be readable; returns the
  /// indices of the readable ones (empty on timeout or interruption).
  static func poll(_ sockets: [ZMQSocket], timeout: Double) -> [Int] {
    var items = sockets.map {
      zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
    }
    let rc = zmq_poll(&items, Int32(items.count), Int(timeout * 1000))
    guard rc > 0 else { return [] }
    return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
  }
}

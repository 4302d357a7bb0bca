import Foundation

/// Elementwise functions of two tensors, with NumPy broadcasting. Each case documents
/// f(a, b) and its partials ∂f/∂a, ∂f/∂b, which the backward kernel applies as
/// ā += ȳ·∂f/∂a and b̄ += ȳ·∂f/∂b (summed over broadcast elements).
public enum BinaryOp: String, CaseIterable, Sendable {
  /// a + b; ∂a = 1, ∂b = 1.
  case add
  /// a − b; ∂a = 1, ∂b = −1.
  case subtract
  /// a·b; ∂a = b, ∂b = a.
  case multiply
  /// a/b; ∂a = 1/b, ∂b = −a/b² = −y/b.
  case divide
  /// aᵇ; ∂a = b·aᵇ⁻¹, ∂b = y·log a (taken as 0 where y = 0, the limit for a → 0⁺, b > 0).
  case power
  /// min(a, b); the gradient goes to the smaller (to `a` on ties).
  case minimum
  /// max(a, b); the gradient goes to the larger (to `a` on ties).
  case maximum

  @inline(__always) func apply(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .power: return Foundation.pow(a, b)
    case .minimum: return (a <= b || b.isNaN) ? a : b
    case .maximum: return (a >= b || b.isNaN) ? a : b
    }
  }

  @inline(__always) func partialA(_ a: Double, _ b: Double, _ y: Double) -> Double {
    switch self {
    case .add, .subtract: return 1
    case .multiply: return b
    case .divide: return 1 / b
    case .power: return b == 0 ? 0 : b * Foundation.pow(a, b - 1)
    case .minimum: return (a <= b || b.isNaN) ? 1 : 0
    case .maximum: return (a >= b || b.isNaN) ? 1 : 0
    }
  }

  @inline(__always) func partialB(_ a: Double, _ b: Double, _ y: Double) -> Double {
    switch self {
    case .add: return 1
    case .subtract: return -1
    case .multiply: return a
    case .divide: return -y / b
    case .power: return y == 0 ? 0 : y * Foundation.log(a)
    case .minimum: return (a <= b || b.isNaN) ? 0 : 1
    case .maximum: return (a >= b || b.isNaN) ? 0 : 1
    }
  }
}

/// Elementwise comparisons; the result is 1 or 0 and has no gradient.
public enum ComparisonOp: String, CaseIterable, Sendable {
  case less, lessEqual, greater, greaterEqual, equal, notEqual
  @inline(__always) func apply(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .less: return a < b ? 1 : 0
    case .lessEqual: return a <= b ? 1 : 0
    case .greater: return a > b ? 1 : 0
    case .greaterEqual: return a >= b ? 1 : 0
    case .equal: return a == b ? 1 : 0
    case .notEqual: return a != b ? 1 : 0
    }
  }
}

final class BinaryInstruction: Instruction {
  let op: BinaryOp
  let a: Int, b: Int
  let la: Layout, lb: Layout
  let countA: Int, countB: Int

  init(_ op: BinaryOp, a: (shape: [Int], offset: Int), b: (shape: [Int], offset: Int), output: ([Int], Int), layouts: [Layout?] = [nil, nil]) {
    self.op = op
    self.a = a.offset
    self.b = b.offset
    la = layouts[0] ?? Layout(a.shape, to: output.0)
    lb = layouts[1] ?? Layout(b.shape, to: output.0)
    countA = a.shape.reduce(1, *)
    countB = b.shape.reduce(1, *)
    super.init(output: output.1, count: output.0.reduce(1, *), inputs: [a.offset, b.offset])
  }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + a, y = v + b, out = v + output, n = count, op = self.op
    if n == 1 && countA == 1 && countB == 1 {
      out[0] = op.apply(x[0], y[0])
      return
    }
    switch (la, lb) {
    case (.same, .same):
      switch op {
      case .add: for i in 0..<n { out[i] = x[i] + y[i] }
      case .subtract: for i in 0..<n { out[i] = x[i] - y[i] }
      case .multiply: for i in 0..<n { out[i] = x[i] * y[i] }
      case .divide: for i in 0..<n { out[i] = x[i] / y[i] }
      default: for i in 0..<n { out[i] = op.apply(x[i], y[i]) }
      }
    case (.same, .scalar):
      let s = y[0]
      switch op {
      case .add: for i in 0..<n { out[i] = x[i] + s }
      case .subtract: for i in 0..<n { out[i] = x[i] - s }
      case .multiply: for i in 0..<n { out[i] = x[i] * s }
      case .divide: for i in 0..<n { out[i] = x[i] / s }
      default: for i in 0..<n { out[i] = op.apply(x[i], s) }
      }
    case (.scalar, .same):
      let s = x[0]
      switch op {
      case .add: for i in 0..<n { out[i] = s + y[i] }
      case .subtract: for i in 0..<n { out[i] = s - y[i] }
      case .multiply: for i in 0..<n { out[i] = s * y[i] }
      case .divide: for i in 0..<n { out[i] = s / y[i] }
      default: for i in 0..<n { out[i] = op.apply(s, y[i]) }
      }
    case (.map(let m), .same):
      m.withUnsafeBufferPointer { m in gatheredLoop(n, out, { x[m[$0]] }, { y[$0] }) }
    case (.same, .map(let m)):
      m.withUnsafeBufferPointer { m in gatheredLoop(n, out, { x[$0] }, { y[m[$0]] }) }
    case (.map(let m), .scalar):
      let s = y[0]
      m.withUnsafeBufferPointer { m in gatheredLoop(n, out, { x[m[$0]] }, { _ in s }) }
    case (.scalar, .map(let m)):
      let s = x[0]
      m.withUnsafeBufferPointer { m in gatheredLoop(n, out, { _ in s }, { y[m[$0]] }) }
    default:
      let la = self.la, lb = self.lb
      for i in 0..<n { out[i] = op.apply(x[la.index(i)], y[lb.index(i)]) }
    }
  }

  /// out[i] = op(a(i), b(i)) with the common operations written out, so each loop is
  /// specialized for the operand access (a gathered read, a scalar, a plain read).
  @inline(__always)
  private func gatheredLoop(_ n: Int, _ out: UnsafeMutablePointer<Double>, _ a: (Int) -> Double, _ b: (Int) -> Double) {
    switch op {
    case .add: for i in 0..<n { out[i] = a(i) + b(i) }
    case .subtract: for i in 0..<n { out[i] = a(i) - b(i) }
    case .multiply: for i in 0..<n { out[i] = a(i) * b(i) }
    default: for i in 0..<n { out[i] = op.apply(a(i), b(i)) }
    }
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let x = v + a, y = v + b, out = v + output, g = adj + output, n = count, op = self.op
    if n == 1 && countA == 1 && countB == 1 {
      // Scalars (the sums of a potential's terms): no loops.
      let ma = modes[0], mb = modes[1]
      if ma != .none {
        let d = g[0] * op.partialA(x[0], y[0], out[0])
        if ma == .assign { adj[a] = d } else { adj[a] += d }
      }
      if mb != .none {
        let d = g[0] * op.partialB(x[0], y[0], out[0])
        if mb == .assign { adj[b] = d } else { adj[b] += d }
      }
      return
    }
    let la = self.la, lb = self.lb
    switch op {
    case .add:
      deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] }
      deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] }
    case .subtract:
      deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] }
      deposit(n, lb, modes[1], adj + b, operandCount: countB) { -g[$0] }
    case .multiply:
      // ∂a = b, ∂b = a, with the common layouts read without an index map.
      switch (la, lb) {
      case (.same, .same):
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] * y[$0] }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] * x[$0] }
      case (.same, .scalar):
        let s = y[0]
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] * s }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] * x[$0] }
      case (.scalar, .same):
        let s = x[0]
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] * y[$0] }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] * s }
      default:
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] * y[lb.index($0)] }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] * x[la.index($0)] }
      }
    case .divide:
      // ∂a = 1/b, ∂b = −y/b, with the common layouts read without an index map.
      switch (la, lb) {
      case (.same, .scalar):
        let s = y[0]
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] / s }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { -g[$0] * out[$0] / s }
      case (.same, .same):
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] / y[$0] }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { -g[$0] * out[$0] / y[$0] }
      default:
        deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] / y[lb.index($0)] }
        deposit(n, lb, modes[1], adj + b, operandCount: countB) { -g[$0] * out[$0] / y[lb.index($0)] }
      }
    default:
      deposit(n, la, modes[0], adj + a, operandCount: countA) { g[$0] * op.partialA(x[la.index($0)], y[lb.index($0)], out[$0]) }
      deposit(n, lb, modes[1], adj + b, operandCount: countB) { g[$0] * op.partialB(x[la.index($0)], y[lb.index($0)], out[$0]) }
    }
  }
}

final class CompareInstruction: Instruction {
  let op: ComparisonOp
  let la: Layout, lb: Layout
  init(_ op: ComparisonOp, a: ([Int], Int), b: ([Int], Int), output: ([Int], Int)) {
    self.op = op
    la = Layout(a.0, to: output.0)
    lb = Layout(b.0, to: output.0)
    super.init(output: output.1, count: output.0.reduce(1, *), inputs: [a.1, b.1])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + inputs[0], y = v + inputs[1], out = v + output
    for i in 0..<count { out[i] = op.apply(x[la.index(i)], y[lb.index(i)]) }
  }
}

/// `where(c, a, b)`: y = a where c ≠ 0, else b; ā += ȳ where c, b̄ += ȳ where not.
final class SelectInstruction: Instruction {
  let lc: Layout, la: Layout, lb: Layout
  let countA: Int, countB: Int
  init(c: ([Int], Int), a: ([Int], Int), b: ([Int], Int), output: ([Int], Int)) {
    lc = Layout(c.0, to: output.0)
    la = Layout(a.0, to: output.0)
    lb = Layout(b.0, to: output.0)
    countA = a.0.reduce(1, *)
    countB = b.0.reduce(1, *)
    super.init(output: output.1, count: output.0.reduce(1, *), inputs: [c.1, a.1, b.1])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let c = v + inputs[0], x = v + inputs[1], y = v + inputs[2], out = v + output
    for i in 0..<count { out[i] = c[lc.index(i)] != 0 ? x[la.index(i)] : y[lb.index(i)] }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let c = v + inputs[0], g = adj + output, lc = self.lc
    deposit(count, la, modes[1], adj + inputs[1], operandCount: countA) { c[lc.index($0)] != 0 ? g[$0] : 0 }
    deposit(count, lb, modes[2], adj + inputs[2], operandCount: countB) { c[lc.index($0)] != 0 ? 0 : g[$0] }
  }
}

import Foundation

/// y = x[indices] along the first axis (rows of `rowSize` elements);
/// x̄[indices[r]] += ȳ[r] (scatter-add, so repeated indices sum their adjoints).
final class GatherInstruction: Instruction {
  let indices: [Int]
  let rowSize: Int
  let inputCount: Int
  init(indices: [Int], rowSize: Int, x: Int, inputCount: Int, output: Int) {
    self.indices = indices
    self.rowSize = rowSize
    self.inputCount = inputCount
    super.init(output: output, count: indices.count * rowSize, inputs: [x])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + inputs[0], y = v + output
    indices.withUnsafeBufferPointer { idx in
      if rowSize == 1 {
        for r in 0..<idx.count { y[r] = x[idx[r]] }
      } else {
        for r in 0..<idx.count { (y + r * rowSize).update(from: x + idx[r] * rowSize, count: rowSize) }
      }
    }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    guard modes[0] != .none else { return }
    let gx = adj + inputs[0], g = adj + output
    if modes[0] == .assign { gx.update(repeating: 0, count: inputCount) }
    indices.withUnsafeBufferPointer { idx in
      if rowSize == 1 {
        for r in 0..<idx.count { gx[idx[r]] += g[r] }
      } else {
        for r in 0..<idx.count {
          let dst = gx + idx[r] * rowSize, src = g + r * rowSize
          for j in 0..<rowSize { dst[j] += src[j] }
        }
      }
    }
  }
}

/// Reductions of x viewed as (outer, length, inner) over the middle extent.
public enum ReduceOp: String, Sendable {
  /// y = Σ x; x̄ += ȳ.
  case sum
  /// y = log Σ eˣ, computed as m + log Σ e^{x−m} with m = max x (stable);
  /// x̄ += ȳ·e^{x−y} (the softmax).
  case logSumExp
  /// y = max x; the adjoint goes to the first maximum.
  case max
  /// y = min x; the adjoint goes to the first minimum.
  case min
}

final class ReduceInstruction: Instruction {
  let op: ReduceOp
  let outer: Int, length: Int, inner: Int
  init(_ op: ReduceOp, outer: Int, length: Int, inner: Int, x: Int, output: Int) {
    self.op = op
    self.outer = outer
    self.length = length
    self.inner = inner
    super.init(output: output, count: outer * inner, inputs: [x])
  }
  @inline(__always) func at(_ o: Int, _ k: Int, _ i: Int) -> Int { (o * length + k) * inner + i }

  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + inputs[0], y = v + output
    if op == .sum, outer == 1, inner == 1 {
      var s = 0.0
      for k in 0..<length { s += x[k] }
      y[0] = s
      return
    }
    for o in 0..<outer {
      for i in 0..<inner {
        switch op {
        case .sum:
          var s = 0.0
          for k in 0..<length { s += x[at(o, k, i)] }
          y[o * inner + i] = s
        case .max, .min:
          var m = length > 0 ? x[at(o, 0, i)] : (op == .max ? -Double.infinity : Double.infinity)
          for k in 0..<length {
            let e = x[at(o, k, i)]
            if e.isNaN { m = .nan; break }
            if op == .max ? e > m : e < m { m = e }
          }
          y[o * inner + i] = m
        case .logSumExp:
          var m = -Double.infinity
          for k in 0..<length { m = Swift.max(m, x[at(o, k, i)]) }
          if !m.isFinite { y[o * inner + i] = m; continue }
          var s = 0.0
          for k in 0..<length { s += Foundation.exp(x[at(o, k, i)] - m) }
          y[o * inner + i] = m + Foundation.log(s)
        }
      }
    }
  }

  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let mode = modes[0]
    guard mode != .none else { return }
    let x = v + inputs[0], y = v + output, g = adj + output, gx = adj + inputs[0]
    if mode == .assign, op == .max || op == .min { gx.update(repeating: 0, count: outer * length * inner) }
    if op == .sum, outer == 1, inner == 1 {
      // A sum of everything: x̄ = ȳ everywhere.
      let gi = g[0]
      if mode == .assign { gx.update(repeating: gi, count: length) } else { for k in 0..<length { gx[k] += gi } }
      return
    }
    for o in 0..<outer {
      for i in 0..<inner {
        let gi = g[o * inner + i], yi = y[o * inner + i]
        switch op {
        case .sum:
          if mode == .assign { for k in 0..<length { gx[at(o, k, i)] = gi } } else { for k in 0..<length { gx[at(o, k, i)] += gi } }
        case .logSumExp:
          if mode == .assign {
            for k in 0..<length { gx[at(o, k, i)] = yi.isFinite ? gi * Foundation.exp(x[at(o, k, i)] - yi) : 0 }
          } else {
            for k in 0..<length where yi.isFinite { gx[at(o, k, i)] += gi * Foundation.exp(x[at(o, k, i)] - yi) }
          }
        case .max, .min:
          for k in 0..<length where x[at(o, k, i)] == yi {
            gx[at(o, k, i)] += gi
            break
          }
        }
      }
    }
  }
}

/// Y = A·B for A (m × k), B (k × n); Ā += Ȳ·Bᵀ, B̄ += Aᵀ·Ȳ.
final class MatmulInstruction: Instruction {
  let m: Int, k: Int, n: Int
  init(m: Int, k: Int, n: Int, a: Int, b: Int, output: Int) {
    self.m = m
    self.k = k
    self.n = n
    super.init(output: output, count: m * n, inputs: [a, b])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let a = v + inputs[0], b = v + inputs[1], y = v + output
    y.update(repeating: 0, count: m * n)
    for i in 0..<m {
      for p in 0..<k {
        let aip = a[i * k + p]
        let row = y + i * n, brow = b + p * n
        for j in 0..<n { row[j] += aip * brow[j] }
      }
    }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let a = v + inputs[0], b = v + inputs[1], g = adj + output
    if modes[0] != .none {
      let ga = adj + inputs[0]
      if modes[0] == .assign { ga.update(repeating: 0, count: m * k) }
      for i in 0..<m {
        for p in 0..<k {
          var s = 0.0
          for j in 0..<n { s += g[i * n + j] * b[p * n + j] }
          ga[i * k + p] += s
        }
      }
    }
    if modes[1] != .none {
      let gb = adj + inputs[1]
      if modes[1] == .assign { gb.update(repeating: 0, count: k * n) }
      for i in 0..<m {
        for p in 0..<k {
          let aip = a[i * k + p]
          let grow = g + i * n, dst = gb + p * n
          for j in 0..<n { dst[j] += aip * grow[j] }
        }
      }
    }
  }
}

/// Inputs viewed as (outer, sizeᵢ) joined along the second extent; each input's adjoint
/// is its block of the output's.
final class ConcatInstruction: Instruction {
  let outer: Int
  let sizes: [Int]
  init(outer: Int, sizes: [Int], inputs: [Int], output: Int) {
    self.outer = outer
    self.sizes = sizes
    super.init(output: output, count: outer * sizes.reduce(0, +), inputs: inputs)
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let total = sizes.reduce(0, +)
    var column = 0
    for (j, size) in sizes.enumerated() {
      let x = v + inputs[j]
      for o in 0..<outer { (v + output + o * total + column).update(from: x + o * size, count: size) }
      column += size
    }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let total = sizes.reduce(0, +)
    var column = 0
    for (j, size) in sizes.enumerated() {
      defer { column += size }
      guard modes[j] != .none else { continue }
      let gx = adj + inputs[j]
      for o in 0..<outer {
        let src = adj + output + o * total + column, dst = gx + o * size
        if modes[j] == .assign { dst.update(from: src, count: size) } else { for c in 0..<size { dst[c] += src[c] } }
      }
    }
  }
}

/// A copy with another shape (row-major order is unchanged); x̄ += ȳ.
final class ReshapeInstruction: Instruction {
  init(x: Int, count: Int, output: Int) { super.init(output: output, count: count, inputs: [x]) }
  override func forward(_ v: UnsafeMutablePointer<Double>) { (v + output).update(from: v + inputs[0], count: count) }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let gx = adj + inputs[0], g = adj + output
    switch modes[0] {
    case .none: return
    case .assign: gx.update(from: g, count: count)
    case .accumulate: for i in 0..<count { gx[i] += g[i] }
    }
  }
}

/// Y = Xᵀ for X (rows × cols); X̄ += Ȳᵀ.
final class TransposeInstruction: Instruction {
  let rows: Int, cols: Int
  init(rows: Int, cols: Int, x: Int, output: Int) {
    self.rows = rows
    self.cols = cols
    super.init(output: output, count: rows * cols, inputs: [x])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + inputs[0], y = v + output
    for r in 0..<rows { for c in 0..<cols { y[c * rows + r] = x[r * cols + c] } }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    guard modes[0] != .none else { return }
    let gx = adj + inputs[0], g = adj + output
    for r in 0..<rows {
      for c in 0..<cols {
        if modes[0] == .assign { gx[r * cols + c] = g[c * rows + r] } else { gx[r * cols + c] += g[c * rows + r] }
      }
    }
  }
}

/// yⱼ = Σ_{i≤j} xᵢ along the last extent; x̄ᵢ += Σ_{j≥i} ȳⱼ (a reversed cumulative sum).
final class CumsumInstruction: Instruction {
  let outer: Int, length: Int
  init(outer: Int, length: Int, x: Int, output: Int) {
    self.outer = outer
    self.length = length
    super.init(output: output, count: outer * length, inputs: [x])
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let x = v + inputs[0], y = v + output
    for o in 0..<outer {
      var s = 0.0
      for k in 0..<length { s += x[o * length + k]; y[o * length + k] = s }
    }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    guard modes[0] != .none else { return }
    let gx = adj + inputs[0], g = adj + output
    for o in 0..<outer {
      var s = 0.0
      for k in stride(from: length - 1, through: 0, by: -1) {
        s += g[o * length + k]
        if modes[0] == .assign { gx[o * length + k] = s } else { gx[o * length + k] += s }
      }
    }
  }
}

/// Runs a `CustomOperation` (its backward kernel honours assign/accumulate modes).
final class CustomInstruction: Instruction {
  let operation: CustomOperation
  let counts: [Int]
  /// Where the operation's scratch starts in the arena (set by the tape).
  @exclusivity(unchecked) var scratch = 0
  /// Whether the reverse pass runs this instruction (set by the tape).
  @exclusivity(unchecked) var differentiated = false
  init(_ operation: CustomOperation, inputs: [Int], counts: [Int], output: Int, count: Int) {
    self.operation = operation
    self.counts = counts
    super.init(output: output, count: count, inputs: inputs)
  }
  override func forward(_ v: UnsafeMutablePointer<Double>) {
    let k = inputs.count
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: max(k, 1)) { ptrs in
      for j in 0..<k { ptrs[j] = UnsafePointer(v + inputs[j]) }
      counts.withUnsafeBufferPointer { c in
        operation.forward(UnsafePointer(ptrs.baseAddress!), c.baseAddress!, v + output, count, scratch: v + scratch, gradient: differentiated)
      }
    }
  }
  override func backward(_ v: UnsafeMutablePointer<Double>, _ adj: UnsafeMutablePointer<Double>) {
    let k = inputs.count
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: max(k, 1)) { ptrs in
      withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: max(k, 1)) { gptrs in
        for j in 0..<k {
          ptrs[j] = UnsafePointer(v + inputs[j])
          gptrs[j] = adj + inputs[j]
        }
        counts.withUnsafeBufferPointer { c in
          modes.withUnsafeBufferPointer { m in
            operation.backward(UnsafePointer(ptrs.baseAddress!), c.baseAddress!, UnsafePointer(v + output), UnsafePointer(adj + output), count,
                               UnsafePointer(gptrs.baseAddress!), m.baseAddress!, scratch: v + scratch)
          }
        }
      }
    }
  }
}

/// Copies a slice of the parameter vector into the arena (forward) and the parameter's
/// adjoint out (by the tape).
final class ParameterInstruction: Instruction {
  let parameterOffset: Int
  init(parameterOffset: Int, count: Int, output: Int) {
    self.parameterOffset = parameterOffset
    super.init(output: output, count: count, inputs: [])
  }
}

func makeInstruction(_ op: Operation, inputs: [([Int], Int)], output: ([Int], Int)) -> Instruction {
  let count = output.0.reduce(1, *)
  switch op {
  case .parameter(let offset): return ParameterInstruction(parameterOffset: offset, count: count, output: output.1)
  case .constant: return Instruction(output: output.1, count: count, inputs: [])
  case .unary(let u): return UnaryInstruction(u, x: inputs[0].1, output: output.1, count: count)
  case .binary(let b): return BinaryInstruction(b, a: (inputs[0].0, inputs[0].1), b: (inputs[1].0, inputs[1].1), output: output)
  case .compare(let c): return CompareInstruction(c, a: inputs[0], b: inputs[1], output: output)
  case .select: return SelectInstruction(c: inputs[0], a: inputs[1], b: inputs[2], output: output)
  case .gather(let idx, let rowSize):
    return GatherInstruction(indices: idx, rowSize: rowSize, x: inputs[0].1, inputCount: inputs[0].0.reduce(1, *), output: output.1)
  case .reduce(let r, let o, let l, let i): return ReduceInstruction(r, outer: o, length: l, inner: i, x: inputs[0].1, output: output.1)
  case .matmul(let m, let k, let n): return MatmulInstruction(m: m, k: k, n: n, a: inputs[0].1, b: inputs[1].1, output: output.1)
  case .concat(let outer, let sizes): return ConcatInstruction(outer: outer, sizes: sizes, inputs: inputs.map(\.1), output: output.1)
  case .reshape: return ReshapeInstruction(x: inputs[0].1, count: count, output: output.1)
  case .transpose(let r, let c): return TransposeInstruction(rows: r, cols: c, x: inputs[0].1, output: output.1)
  case .cumsum(let o, let l): return CumsumInstruction(outer: o, length: l, x: inputs[0].1, output: output.1)
  case .custom(let c):
    return CustomInstruction(c, inputs: inputs.map(\.1), counts: inputs.map { $0.0.reduce(1, *) }, output: output.1, count: count)
  }
}

import Arrays
import CellLanguage

// MARK: - RandomState

/// NumPy's legacy `np.random.RandomState` as a cell-language value. It is a reference:
/// every draw advances the one shared stream (as in NumPy), so `let rng` and `var rng`
/// behave the same and copies of `rng` draw from the same stream.
final class RandomStateHost: HostObject {
  var state: RandomState
  let seedText: String

  init(state: RandomState, seedText: String) {
    self.state = state
    self.seedText = seedText
  }

  var typeName: String { "RandomState" }
  var description: String { "RandomState(\(seedText))" }

  static let methodNames = [
    "randint", "normal", "uniform", "randomSample", "random", "standardNormal", "poisson",
    "binomial", "exponential", "standardExponential", "gamma", "standardGamma", "beta", "choice",
    "permutation", "shuffled", "shuffle", "copy",
  ]
  var memberNames: [String] { RandomStateHost.methodNames }

  /// The scalar draw, or an array of `size` draws.
  private func draw(_ p: NamedArguments, scalar: (inout RandomState) throws -> Value,
                    array: (inout RandomState, [Int]) throws -> NDArray) throws -> Value {
    guard let size = p["size"] else { return try arrays { try scalar(&state) } }
    let shape = try shapeArgument(size, "size")
    return arrayValue(try arrays { try array(&state, shape) })
  }

  /// An integer parameter passed as a Double (binomial's n).
  static func count(_ x: Double) throws -> Int {
    guard x == x.rounded(), abs(x) < 9e15 else {
      throw HostError("binomial's n must be an integer, got \(x)", kind: "ValueError")
    }
    return Int(x)
  }

  /// A sampler with numeric parameters (nil default = required), NumPy style: scalar
  /// parameters draw one value (no `size:`) or the library's array of `size`; array
  /// parameters broadcast (to `size:` when given) and draw element by element in
  /// row-major order, as NumPy's legacy samplers do.
  private func parameterized(
    _ fn: String, _ args: Arguments, _ params: [(String, Double?)], int: Bool,
    scalar: (inout RandomState, [Double]) throws -> Double,
    sized: (inout RandomState, [Double], [Int]) throws -> NDArray
  ) throws -> Value {
    let names = params.map(\.0)
    let p = try NamedArguments(fn, args, positional: names, labeled: ["size"],
                               required: Set(params.filter { $0.1 == nil }.map(\.0)))
    let values = names.map { p[$0] }
    let isScalar = values.allSatisfy { v in
      guard let v else { return true }
      if case .int = v { return true }
      if case .double = v { return true }
      return false
    }
    let size = try p["size"].map { try shapeArgument($0, "size") }
    if isScalar {
      let x = try zip(values, params).map { v, param in try v.map { try Arg.double($0, "\(fn)'s \(param.0)") } ?? param.1! }
      guard let size else {
        let d = try arrays { try scalar(&state, x) }
        return int ? .int(Int(d)) : .double(d)
      }
      return arrayValue(try arrays { try sized(&state, x, size) })
    }
    let operands = try zip(values, params).map { v, param in
      try v.map { try requireArray($0, "\(fn)'s \(param.0)") } ?? NDArray(scalar: param.1!)
    }
    let (shape, columns) = try broadcastDoubles(operands, to: size)
    let count = columns.first?.count ?? 0
    var out = [Double](repeating: 0, count: count)
    var row = [Double](repeating: 0, count: columns.count)
    try arrays {
      for i in 0..<count {
        for k in columns.indices { row[k] = columns[k][i] }
        out[i] = try scalar(&state, row)
      }
    }
    if int { return arrayValue(try arrays { try NDArray(out.map { Int($0) }, shape: shape) }) }
    return arrayValue(try arrays { try NDArray(out, shape: shape) })
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    let fn = "RandomState.\(name)"
    switch name {
    case "randint":
      // NumPy: randint(low, high=None, size=None); with one bound the range is [0, low).
      let p = try NamedArguments(fn, args, positional: ["low", "high"], labeled: ["size"], required: ["low"])
      var low = try Arg.int(p["low"]!, "randint's low")
      var high = 0
      if let h = p["high"] { high = try Arg.int(h, "randint's high") } else { (low, high) = (0, low) }
      return try draw(p, scalar: { .int(try $0.randint(low, high)) }, array: { try $0.randint(low, high, size: $1) })
    case "normal":
      return try parameterized(fn, args, [("loc", 0), ("scale", 1)], int: false,
        scalar: { try $0.normal($1[0], $1[1]) }, sized: { try $0.normal($1[0], $1[1], size: $2) })
    case "uniform":
      return try parameterized(fn, args, [("low", 0), ("high", 1)], int: false,
        scalar: { $0.uniform($1[0], $1[1]) }, sized: { try $0.uniform($1[0], $1[1], size: $2) })
    case "randomSample", "random":
      let p = try NamedArguments(fn, args, positional: [], labeled: ["size"])
      return try draw(p, scalar: { .double($0.randomSample()) }, array: { try $0.randomSample(size: $1) })
    case "standardNormal":
      let p = try NamedArguments(fn, args, positional: [], labeled: ["size"])
      return try draw(p, scalar: { .double($0.standardNormal()) }, array: { try $0.standardNormal(size: $1) })
    case "poisson":
      return try parameterized(fn, args, [("lam", 1)], int: true,
        scalar: { Double(try $0.poisson($1[0])) }, sized: { try $0.poisson($1[0], size: $2) })
    case "binomial":
      return try parameterized(fn, args, [("n", nil), ("p", nil)], int: true,
        scalar: { Double(try $0.binomial(try RandomStateHost.count($1[0]), $1[1])) },
        sized: { try $0.binomial(try RandomStateHost.count($1[0]), $1[1], size: $2) })
    case "exponential":
      return try parameterized(fn, args, [("scale", 1)], int: false,
        scalar: { try $0.exponential($1[0]) }, sized: { try $0.exponential($1[0], size: $2) })
    case "standardExponential":
      let p = try NamedArguments(fn, args, positional: [], labeled: ["size"])
      return try draw(p, scalar: { .double($0.standardExponential()) }, array: { try $0.exponential(1, size: $1) })
    case "gamma":
      return try parameterized(fn, args, [("shape", nil), ("scale", 1)], int: false,
        scalar: { try $0.gamma($1[0], $1[1]) }, sized: { try $0.gamma($1[0], $1[1], size: $2) })
    case "standardGamma":
      return try parameterized(fn, args, [("shape", nil)], int: false,
        scalar: { try $0.gamma($1[0], 1) }, sized: { try $0.gamma($1[0], 1, size: $2) })
    case "beta":
      return try parameterized(fn, args, [("a", nil), ("b", nil)], int: false,
        scalar: { try $0.beta($1[0], $1[1]) }, sized: { try $0.beta($1[0], $1[1], size: $2) })
    case "choice":
      return try choice(try NamedArguments(fn, args, positional: ["a"], labeled: ["size", "replace", "p"], required: ["a"]))
    case "permutation", "shuffled":
      let p = try NamedArguments(fn, args, positional: ["x"], required: ["x"])
      return try permutation(p["x"]!, allowInt: name == "permutation", fn)
    case "shuffle":
      throw HostError(
        "rng.shuffle(x) cannot shuffle in place here (arrays are values, not references); write `x = rng.shuffled(x)` (the same draws as NumPy's shuffle)",
        kind: "TypeError")
    case "copy":
      guard args.count == 0 else { throw HostError("copy() takes no arguments", kind: "TypeError") }
      return .host(RandomStateHost(state: state, seedText: seedText))
    default:
      return nil
    }
  }

  /// `choice(a, size:, replace:, p:)`: `a` is a population size or a 1-d array.
  private func choice(_ p: NamedArguments) throws -> Value {
    let a = p["a"]!
    let replace = try p["replace"].map { try Arg.bool($0, "choice's replace") } ?? true
    let probs = try p["p"].map { v -> [Double] in
      let arr = try requireArray(v, "choice's p")
      guard arr.ndim == 1 else { throw HostError("p must be 1-dimensional", kind: "ValueError") }
      return arr.doubles
    }
    let shape = try p["size"].map { try shapeArgument($0, "size") }
    var count = 1
    if let shape {
      guard let n = ArrayLimits.elementCount(shape) else {
        throw HostError(shape.contains(where: { $0 < 0 }) ? "negative dimensions are not allowed"
                          : "size \(shape) has more than \(ArrayLimits.maximumElementCount) elements", kind: "ValueError")
      }
      count = n
    }
    // The population: an Int, a numeric array, or a Swift array of anything.
    var populationSize = 0
    var numeric: NDArray?
    var items: [Value]?
    switch a {
    case .int(let n):
      guard n > 0 || (n == 0 && count == 0) else {
        throw HostError("a must be greater than 0 unless no samples are taken", kind: "ValueError")
      }
      populationSize = n
    case .double, .bool:
      throw HostError("choice's a must be an Int or a 1-d array, not \(a.typeName)", kind: "TypeError")
    default:
      if let arr = asArray(a) {
        guard arr.ndim == 1 else { throw HostError("a must be 1-dimensional", kind: "ValueError") }
        numeric = arr
        populationSize = arr.size
      } else if case .array(let sw) = a {
        items = sw.items
        populationSize = sw.items.count
        if let shape, shape.count != 1 {
          throw HostError("choice from a Swift array of non-numbers takes an Int size", kind: "ValueError")
        }
      } else {
        throw HostError("choice's a must be an Int or a 1-d array, not \(a.typeName)", kind: "TypeError")
      }
      if populationSize == 0, count > 0 {
        throw HostError("a cannot be empty unless no samples are taken", kind: "ValueError")
      }
    }
    // No samples draw nothing (NumPy returns an empty array even for an empty population).
    let indices = count == 0 ? [] : try arrays { try state.choice(populationSize, count: count, replace: replace, p: probs) }
    if let items {
      let picked = indices.map { items[$0] }
      if shape == nil { return picked[0] }
      var out = ArrayValue(picked)
      if case .array(let sw) = a { out.elementType = sw.elementType }
      return .array(out)
    }
    let idx = try arrays { try NDArray(indices, shape: shape ?? []) }
    if let numeric { return arrayValue(try arrays { try numeric.get([.gather(idx)]) }) }
    return arrayValue(idx)
  }

  /// `permutation(n)` (a shuffled 0..<n) or a shuffled copy of an array along axis 0.
  private func permutation(_ x: Value, allowInt: Bool, _ fn: String) throws -> Value {
    switch x {
    case .int(let n):
      guard allowInt else {
        throw HostError("shuffled takes an array; for a shuffled 0..<n use rng.permutation(n)", kind: "TypeError")
      }
      return arrayValue(NDArray(try arrays { try state.permutation(n) }))
    case .array(let sw):
      // A Swift array stays a Swift array (of the same element type).
      var out = sw
      out.items = state.permutation(sw.items)
      return .array(out)
    default:
      guard let arr = asArray(x), arr.ndim >= 1 else {
        throw HostError("\(fn) needs an array\(allowInt ? " or an Int" : ""), not \(x.typeName)", kind: "TypeError")
      }
      return arrayValue(state.permutation(arr))
    }
  }
}

// MARK: - PRNGKey

/// A JAX-style counter-based key (`PRNGKey(0)`); a value: drawing never changes it.
final class PRNGKeyHost: HostObject {
  let key: PRNGKey
  init(_ key: PRNGKey) { self.key = key }

  var typeName: String { "PRNGKey" }
  var description: String { key.description }
  var memberNames: [String] { ["split", "foldIn", "keyData"] }

  func isEqual(to other: any HostObject) -> Bool { (other as? PRNGKeyHost)?.key == key }

  func property(_ name: String) throws -> Value? {
    switch name {
    case "keyData":
      return .array(ArrayValue([.int(Int(key.high)), .int(Int(key.low))], elementType: .int))
    default: return nil
    }
  }

  func callMethod(_ name: String, _ args: Arguments, _ interpreter: Interpreter) throws -> Value? {
    switch name {
    case "split":
      let p = try NamedArguments("split", args, positional: ["n"])
      return try splitValue(key, try p.int("n", 2, "split"))
    case "foldIn":
      let p = try NamedArguments("foldIn", args, positional: ["data"], required: ["data"])
      let d = try Arg.int(p["data"]!, "foldIn's data")
      guard d >= 0, d <= Int(UInt32.max) else {
        throw HostError("foldIn's data must be in 0...\(UInt32.max), got \(d)", kind: "ValueError")
      }
      return .host(PRNGKeyHost(key.foldIn(UInt32(d))))
    default: return nil
    }
  }
}

/// `split(key, n)` as a Swift array of keys.
func splitValue(_ key: PRNGKey, _ n: Int) throws -> Value {
  guard n >= 0, n <= 1 << 24 else {
    throw HostError("split's n must be between 0 and \(1 << 24), got \(n)", kind: "ValueError")
  }
  return .array(ArrayValue(key.split(n).map { .host(PRNGKeyHost($0)) }, elementType: .named("PRNGKey")))
}

func requireKey(_ v: Value?, _ function: String) throws -> PRNGKey {
  guard let v else { throw HostError("\(function) needs a PRNGKey as its first argument", kind: "TypeError") }
  guard case .host(let h) = v, let k = h as? PRNGKeyHost else {
    throw HostError("\(function)'s key must be a PRNGKey (made by PRNGKey(seed) or split), not \(v.typeName)", kind: "TypeError")
  }
  return k.key
}

// MARK: - Registration

extension Session {
  func registerRandomBindings() {
    let b = interpreter.builtins

    let randomState = TypeObject(
      name: "RandomState",
      doc: "NumPy's legacy random generator (`np.random.RandomState`), bit for bit: the same seed gives NumPy's numbers. Methods: randint(low, high, size:), normal(loc, scale, size:), uniform(low, high, size:), randomSample(size:) / random(size:), standardNormal(size:), poisson(lam, size:), binomial(n, p, size:), exponential(scale, size:), gamma(shape, scale, size:), beta(a, b, size:), choice(a, size:, replace:, p:), permutation(x), shuffled(x). Without size: one number; size: an Int or a shape [Int]. Draws advance the shared stream, as in NumPy."
    ) { args, _ in
      let p = try NamedArguments("RandomState", args, positional: ["seed"])
      guard let seed = p["seed"] else {
        let s = UInt32.random(in: 0...UInt32.max)
        return .host(RandomStateHost(state: RandomState(seed: s), seedText: "seed: \(s)"))
      }
      if case .int(let s) = seed {
        return .host(RandomStateHost(state: try arrays { try RandomState(seed: s) }, seedText: "seed: \(s)"))
      }
      if let arr = asArray(seed), arr.dtype == .int, arr.ndim == 1 {
        let words = arr.ints
        guard !words.isEmpty, words.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
          throw HostError("RandomState's seed array must hold integers in 0...\(UInt32.max)", kind: "ValueError")
        }
        return .host(RandomStateHost(state: RandomState(seedArray: words.map { UInt32($0) }), seedText: "seed: \(words)"))
      }
      throw HostError("RandomState's seed must be an Int (0...\(UInt32.max)) or an array of them, not \(seed.typeName)", kind: "TypeError")
    }
    b.type(randomState, signature: "RandomState(seed: Int)")

    let keyType = TypeObject(
      name: "PRNGKey",
      doc: "A counter-based random key (JAX's Threefry-2x32 `PRNGKey`). Keys are values: the same key always gives the same draws; `split(key, n)` makes independent keys."
    ) { args, _ in
      let p = try NamedArguments("PRNGKey", args, positional: ["seed"], required: ["seed"])
      return .host(PRNGKeyHost(PRNGKey(try Arg.int(p["seed"]!, "PRNGKey's seed"))))
    }
    b.type(keyType, signature: "PRNGKey(_ seed: Int)")

    b.function("split", "split(_ key: PRNGKey, _ n: Int = 2) -> [PRNGKey]",
      "Splits a key into `n` new independent keys (JAX's `random.split`).") { args, _ in
      let p = try NamedArguments("split", args, positional: ["key", "n"], required: ["key"])
      return try splitValue(try requireKey(p["key"], "split"), try p.int("n", 2, "split"))
    }

    // Samplers on keys: each returns a Double for shape [] (the default), else an array.
    typealias KeySampler = (PRNGKey, NamedArguments, [Int]) throws -> NDArray
    let samplers: [(String, [String], [String], Set<String>, String, KeySampler)] = [
      ("randomNormal", ["key"], ["shape", "loc", "scale"], [], "Normal draws (loc 0, scale 1 by default).", { k, p, s in
        try PRNG.normal(k, shape: s, loc: try p.double("loc", 0, "randomNormal"), scale: try p.double("scale", 1, "randomNormal"))
      }),
      ("randomUniform", ["key"], ["shape", "minval", "maxval"], [], "Uniform draws on [minval, maxval).", { k, p, s in
        try PRNG.uniform(k, shape: s, minval: try p.double("minval", 0, "randomUniform"), maxval: try p.double("maxval", 1, "randomUniform"))
      }),
      ("randomGamma", ["key", "concentration"], ["rate", "shape"], ["concentration"], "Gamma draws with the given concentration and rate.", { k, p, s in
        try PRNG.gamma(k, concentration: try p.double("concentration", 1, "randomGamma"), rate: try p.double("rate", 1, "randomGamma"), shape: s)
      }),
      ("randomBeta", ["key", "a", "b"], ["shape"], ["a", "b"], "Beta(a, b) draws.", { k, p, s in
        try PRNG.beta(k, try p.double("a", 1, "randomBeta"), try p.double("b", 1, "randomBeta"), shape: s)
      }),
      ("randomExponential", ["key"], ["rate", "shape"], [], "Exponential draws with the given rate.", { k, p, s in
        try PRNG.exponential(k, rate: try p.double("rate", 1, "randomExponential"), shape: s)
      }),
      ("randomPoisson", ["key", "rate"], ["shape"], ["rate"], "Poisson draws with the given rate.", { k, p, s in
        try PRNG.poisson(k, rate: try p.double("rate", 1, "randomPoisson"), shape: s)
      }),
      ("randomCategorical", ["key", "logits"], ["shape"], ["logits"], "Category indices drawn with probabilities softmax(logits).", { k, p, s in
        try PRNG.categorical(k, logits: try requireArray(p["logits"]!, "randomCategorical's logits").doubles, shape: s)
      }),
      ("randomCauchy", ["key"], ["loc", "scale", "shape"], [], "Cauchy draws (loc 0, scale 1 by default).", { k, p, s in
        try PRNG.cauchy(k, loc: try p.double("loc", 0, "randomCauchy"), scale: try p.double("scale", 1, "randomCauchy"), shape: s)
      }),
      ("randomStudentT", ["key", "df"], ["loc", "scale", "shape"], ["df"], "Student-t draws with `df` degrees of freedom.", { k, p, s in
        try PRNG.studentT(k, df: try p.double("df", 1, "randomStudentT"), loc: try p.double("loc", 0, "randomStudentT"),
                          scale: try p.double("scale", 1, "randomStudentT"), shape: s)
      }),
      ("randomBinomial", ["key", "totalCount", "probs"], ["shape"], ["totalCount", "probs"], "Binomial draws: successes in `totalCount` trials with probability `probs`.", { k, p, s in
        try PRNG.binomial(k, totalCount: try Arg.int(p["totalCount"]!, "randomBinomial's totalCount"), probs: try p.double("probs", 0.5, "randomBinomial"), shape: s)
      }),
      ("randomDirichlet", ["key", "concentration"], ["shape"], ["concentration"], "Dirichlet draws (the last axis holds each probability vector).", { k, p, s in
        try PRNG.dirichlet(k, concentration: try requireArray(p["concentration"]!, "randomDirichlet's concentration").doubles, shape: s)
      }),
      ("randomMultivariateNormal", ["key", "mean", "covariance"], ["shape"], ["mean", "covariance"], "Multivariate normal draws (the last axis holds each vector).", { k, p, s in
        try PRNG.multivariateNormal(k, mean: try requireArray(p["mean"]!, "randomMultivariateNormal's mean").doubles,
                                    covariance: try requireArray(p["covariance"]!, "randomMultivariateNormal's covariance"), shape: s)
      }),
    ]
    for (name, positional, labeled, required, doc, sampler) in samplers {
      let params = (positional.map { $0 == "key" ? "_ key: PRNGKey" : "_ \($0): Double" } + labeled.map {
        $0 == "shape" ? "shape: [Int] = []" : "\($0): Double"
      }).joined(separator: ", ")
      b.function(name, "\(name)(\(params)) -> Double or NDArray", doc) { args, _ in
        let p = try NamedArguments(name, args, positional: positional, labeled: labeled, required: required.union(["key"]))
        let key = try requireKey(p["key"], name)
        let shape = try p["shape"].map { try shapeArgument($0, "shape") } ?? []
        return arrayValue(try arrays { try sampler(key, p, shape) })
      }
    }
  }
}

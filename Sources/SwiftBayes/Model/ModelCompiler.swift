import Arrays
import Autodiff
import CellLanguage
import Foundation
import Inference
import Probability

/// A latent sample site of a compiled model: where its unconstrained coordinates sit in
/// the flat parameter vector and how they map to its value.
struct LatentSite {
  let name: String
  let shape: [Int]
  let bijector: Bijector
  let offset: Int
  let unconstrainedCount: Int
}

/// A model function with its arguments, compiled for inference (the potential and its
/// gradient on one tape), and the tapes that turn draws back into named values.
///
/// Compilation runs the model twice: once concretely (seeded, traced) to find its sites
/// and their shapes, supports and a prior draw; once with traced values at the latent
/// sites, recording log p(x) + log|det J| of every site into one graph.
final class CompiledModel: PotentialModel, @unchecked Sendable {
  let latent: [LatentSite]
  let deterministicNames: [String]
  let deterministicShapes: [[Int]]
  let observedNames: [String]
  let dimension: Int
  let potentialTape: Tape
  /// Outputs: each latent site's constrained value, then each deterministic.
  let valuesTape: Tape
  /// Outputs: each observed site's pointwise log density.
  let logLikelihoodTape: Tape
  let observedShapes: [[Int]]
  /// A prior draw (from the concrete run), in unconstrained coordinates.
  let priorDraw: [Double]
  let compileSeconds: Double

  init(latent: [LatentSite], deterministicNames: [String], deterministicShapes: [[Int]], observedNames: [String], observedShapes: [[Int]],
       dimension: Int, potentialTape: Tape, valuesTape: Tape, logLikelihoodTape: Tape, priorDraw: [Double], compileSeconds: Double) {
    self.latent = latent
    self.deterministicNames = deterministicNames
    self.deterministicShapes = deterministicShapes
    self.observedNames = observedNames
    self.observedShapes = observedShapes
    self.dimension = dimension
    self.potentialTape = potentialTape
    self.valuesTape = valuesTape
    self.logLikelihoodTape = logLikelihoodTape
    self.priorDraw = priorDraw
    self.compileSeconds = compileSeconds
  }

  final class Evaluator: PotentialEvaluator {
    let tape: Tape
    let workspace: Workspace
    init(_ tape: Tape) {
      self.tape = tape
      workspace = tape.makeWorkspace()
    }
    func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
      tape.valueAndGradient(q, gradient, workspace)
    }
  }

  func makeEvaluator() -> any PotentialEvaluator { Evaluator(potentialTape) }

  /// The potential and its gradient at one unconstrained point.
  func potential(_ q: [Double]) -> (Double, [Double]) { potentialTape.valueAndGradient(q) }

  /// Site name → constrained value for each of many unconstrained draws, stacked:
  /// (draws, …site shape).
  func constrainedValues(_ draws: [Double], count: Int) throws -> [(String, NDArray)] {
    let ws = valuesTape.makeWorkspace()
    let names = latent.map(\.name) + deterministicNames
    var columns = [[Double]](repeating: [], count: names.count)
    for k in names.indices { columns[k].reserveCapacity(count * valuesTape.outputShape(k).reduce(1, *)) }
    draws.withUnsafeBufferPointer { all in
      for d in 0..<count {
        valuesTape.forward(UnsafeBufferPointer(rebasing: all[(d * dimension)..<((d + 1) * dimension)]), ws)
        for k in names.indices { columns[k].append(contentsOf: valuesTape.output(k, ws)) }
      }
    }
    return try names.indices.map { k in (names[k], try NDArray(columns[k], shape: [count] + valuesTape.outputShape(k))) }
  }

  /// Pointwise log-likelihood of each observed site for each draw: (draws, …obs shape).
  func pointwiseLogLikelihood(_ draws: [Double], count: Int) throws -> [(String, NDArray)] {
    let ws = logLikelihoodTape.makeWorkspace()
    var columns = [[Double]](repeating: [], count: observedNames.count)
    draws.withUnsafeBufferPointer { all in
      for d in 0..<count {
        logLikelihoodTape.forward(UnsafeBufferPointer(rebasing: all[(d * dimension)..<((d + 1) * dimension)]), ws)
        for k in observedNames.indices { columns[k].append(contentsOf: logLikelihoodTape.output(k, ws)) }
      }
    }
    return try observedNames.indices.map { k in (observedNames[k], try NDArray(columns[k], shape: [count] + observedShapes[k])) }
  }

  /// Unconstrained coordinates of named constrained values (for `initToValue`); sites
  /// not given keep `fallback`'s coordinates.
  func unconstrained(_ values: [String: NDArray], fallback: [Double]) throws -> [Double] {
    var q = fallback
    for s in latent {
      guard let v = values[s.name] else { continue }
      let x = try broadcastDoubles([v.converted(to: .double)], to: s.shape).values[0]
      let u = s.bijector.inverse(x)
      guard u.count == s.unconstrainedCount else { throw HostError("initial value for '\(s.name)' has the wrong size", kind: "ShapeError") }
      for i in 0..<u.count { q[s.offset + i] = u[i] }
    }
    return q
  }
}

/// The handler that, in the compiling run, gives latent sites traced values and adds
/// every site's log density to the graph.
final class CompileHandler: Handler {
  let context: TraceContext
  let latentByName: [String: LatentSite]
  var parameterNodes: [String: NodeID] = [:]
  var terms: [NodeID] = []
  var valueNodes: [String: NodeID] = [:]
  var deterministicNodes: [(String, NodeID)] = []
  var observedPointwise: [(String, NodeID)] = []
  var seen: Set<String> = []

  init(_ context: TraceContext, latent: [LatentSite]) {
    self.context = context
    latentByName = Dictionary(uniqueKeysWithValues: latent.map { ($0.name, $0) })
  }

  override func process(_ site: Site) throws {
    guard seen.insert(site.name).inserted else {
      throw HostError("duplicate site name '\(site.name)': every sample, deterministic and factor in a model needs its own name", kind: "ModelError")
    }
    let g = context.graph
    switch site.kind {
    case .sample:
      guard let d = site.distribution else { return }
      if site.isObserved, let obs = site.value {
        terms.append(try d.logProbNode(context, obs, pointwise: false))
        observedPointwise.append((site.name, try d.logProbNode(context, obs, pointwise: true)))
        return
      }
      guard let s = latentByName[site.name] else {
        throw HostError("sample site '\(site.name)' appeared only when the model was traced: a model's sites must not depend on parameter values", kind: "ModelError")
      }
      let batch = s.bijector.isElementwise ? s.shape : Array(s.shape.dropLast(s.bijector.constrainedEventShape.count))
      let uShape = s.bijector.isElementwise ? s.shape : batch + [s.bijector.unconstrainedEventSize]
      let u = g.parameter(shape: uShape)
      let (x, logDet) = try traced { try TapeTransforms.apply(s.bijector, u, batchShape: batch, in: g) }
      let value = try traced { try g.reshape(x, s.shape) }
      terms.append(logDet)
      terms.append(try d.logProbNode(context, .host(TracedHost(context, value)), pointwise: false))
      valueNodes[site.name] = value
      site.value = .host(TracedHost(context, value))
    case .deterministic:
      if let v = site.value { deterministicNodes.append((site.name, try context.requireNode(v, "deterministic('\(site.name)')"))) }
    case .factor:
      if let v = site.value { terms.append(try traced { try g.sum(try context.requireNode(v, "factor('\(site.name)')")) }) }
    }
  }
}

extension ModelRuntime {
  /// Compiles `model` called with `args` (see `CompiledModel`).
  func compile(_ model: Value, _ args: Arguments, key: PRNGKey, _ interp: Interpreter) throws -> CompiledModel {
    let start = Date()
    // 1. A concrete, seeded run: the sites, their shapes and supports, a prior draw.
    let sites = try tracedRun(model, args, key: key, interp)
    var latent: [LatentSite] = []
    var offset = 0
    var prior: [Double] = []
    for site in sites where site.kind == .sample && !site.isObserved {
      guard let d = site.distribution, let value = site.value.flatMap(asArray) else { continue }
      let support = d.support
      guard !support.isDiscrete else {
        throw HostError("sample site '\(site.name)' is discrete (\(d.family.name)); NUTS samples continuous parameters only — observe it, or marginalize it out by hand", kind: "ModelError")
      }
      guard let bijector = support.bijector(lastDimension: value.shape.last ?? 0) else {
        throw HostError("sample site '\(site.name)': no transform to unconstrained space for support \(support)", kind: "ModelError")
      }
      let n = bijector.isElementwise ? value.size : (value.size / bijector.constrainedEventSize) * bijector.unconstrainedEventSize
      latent.append(LatentSite(name: site.name, shape: value.shape, bijector: bijector, offset: offset, unconstrainedCount: n))
      prior += bijector.inverse(value.converted(to: .double).doubles)
      offset += n
    }
    // 2. The traced run.
    let context = TraceContext()
    let handler = CompileHandler(context, latent: latent)
    _ = try with(handler) { try interp.callValue(model, args) }
    for s in latent where handler.valueNodes[s.name] == nil {
      throw HostError("sample site '\(s.name)' did not appear when the model was traced: a model's sites must not depend on parameter values", kind: "ModelError")
    }
    let g = context.graph
    var logJoint = g.scalar(0)
    for t in handler.terms { logJoint = try traced { try g.binary(.add, logJoint, t) } }
    let potential = g.unary(.negate, logJoint)
    let potentialTape = try traced { try Tape(graph: g, outputs: [], gradientOf: potential) }
    let valueOutputs = latent.map { handler.valueNodes[$0.name]! } + handler.deterministicNodes.map(\.1)
    let valuesTape = try traced { try Tape(graph: g, outputs: valueOutputs) }
    let llTape = try traced { try Tape(graph: g, outputs: handler.observedPointwise.map(\.1)) }
    return CompiledModel(
      latent: latent, deterministicNames: handler.deterministicNodes.map(\.0), deterministicShapes: handler.deterministicNodes.map { g.shape($0.1) },
      observedNames: handler.observedPointwise.map(\.0), observedShapes: handler.observedPointwise.map { g.shape($0.1) },
      dimension: offset, potentialTape: potentialTape, valuesTape: valuesTape, logLikelihoodTape: llTape, priorDraw: prior,
      compileSeconds: Date().timeIntervalSince(start))
  }
}

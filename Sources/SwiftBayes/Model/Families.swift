import Arrays
import Autodiff
import Probability

/// What every distribution family bound for cells has: elementwise families
/// (`FamilyBox`) and event families (`EventFamily`).
protocol DistributionFamily: Sendable {
  var name: String { get }
  var parameterNames: [String] { get }
  var isDiscrete: Bool { get }
}

/// An elementwise distribution family with its type erased, for the bindings: the
/// numerics come from `Probability`'s `ElementwiseFamily` types, specialized once per
/// family here.
protocol FamilyBox: DistributionFamily {
  var differentiable: [Bool] { get }
  func logProb(_ x: Double, _ p: [Double]) -> Double
  func sample(_ s: inout KeyStream, _ p: [Double]) -> Double
  func validate(_ p: [Double]) -> String?
  func support(_ p: [Double]) -> Support
  func mean(_ p: [Double]) -> Double
  func variance(_ p: [Double]) -> Double
  func logProbOp(_ shapes: [[Int]], pointwise: Bool) throws -> CustomOperation
  /// The fused summed log density when the family's predictor parameter is a linear
  /// predictor (see `LinearPredictorLogProbOp`), else nil.
  func linearPredictorOp(_ g: Graph, x: NodeID, parameters: [NodeID], shape: [Int]) -> (CustomOperation, [NodeID])?
}

struct Family<F: ElementwiseFamily>: FamilyBox {
  var name: String { F.name }
  var parameterNames: [String] { F.parameterNames }
  var isDiscrete: Bool { F.isDiscrete }
  var differentiable: [Bool] { F.differentiableParameters }
  @inline(__always) func abc(_ p: [Double]) -> (Double, Double, Double) {
    (p.count > 0 ? p[0] : 0, p.count > 1 ? p[1] : 0, p.count > 2 ? p[2] : 0)
  }
  func logProb(_ x: Double, _ p: [Double]) -> Double { let (a, b, c) = abc(p); return F.logProb(x, a, b, c) }
  func sample(_ s: inout KeyStream, _ p: [Double]) -> Double { let (a, b, c) = abc(p); return F.sample(&s, a, b, c) }
  func validate(_ p: [Double]) -> String? { let (a, b, c) = abc(p); return F.validate(a, b, c) }
  func support(_ p: [Double]) -> Support { let (a, b, c) = abc(p); return F.support(a, b, c) }
  func mean(_ p: [Double]) -> Double { let (a, b, c) = abc(p); return F.mean(a, b, c) }
  func variance(_ p: [Double]) -> Double { let (a, b, c) = abc(p); return F.variance(a, b, c) }
  func logProbOp(_ shapes: [[Int]], pointwise: Bool) throws -> CustomOperation {
    try ElementwiseLogProbOp<F>(shapes, pointwise: pointwise)
  }
  func linearPredictorOp(_ g: Graph, x: NodeID, parameters: [NodeID], shape: [Int]) -> (CustomOperation, [NodeID])? {
    // The likelihoods of generalized linear models, each instantiated once: the
    // location of the location–scale families, the logits of the Bernoulli.
    func make<G: ElementwiseFamily>(_: G.Type, slot: Int) -> (CustomOperation, [NodeID])? {
      LinearPredictorLogProbOp<G>.make(g, x: x, parameters: parameters, slot: slot, shape: shape).map { ($0.0, $0.1) }
    }
    if F.self == Normal.self { return make(Normal.self, slot: 0) }
    if F.self == StudentT.self { return make(StudentT.self, slot: 1) }
    if F.self == Cauchy.self { return make(Cauchy.self, slot: 0) }
    if F.self == Laplace.self { return make(Laplace.self, slot: 0) }
    if F.self == Logistic.self { return make(Logistic.self, slot: 0) }
    if F.self == BernoulliLogits.self { return make(BernoulliLogits.self, slot: 0) }
    return nil
  }
}

/// How a constructor spelled in cells maps to families: NumPyro's name, positional
/// parameters, NumPyro's defaults, and the variant chosen by a label (`logits:`).
struct DistributionConstructor: Sendable {
  let name: String
  let doc: String
  /// Families by the label that selects them (nil: the default variant).
  let variants: [(selector: String?, family: any DistributionFamily)]
  let defaults: [String: Double]
}

let distributionConstructors: [DistributionConstructor] = [
  .init(name: "Normal", doc: "The normal distribution with mean `loc` and standard deviation `scale` (NumPyro `Normal`).",
        variants: [(nil, Family<Normal>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "HalfNormal", doc: "The normal distribution folded at 0: |Normal(0, scale)| (NumPyro `HalfNormal`).",
        variants: [(nil, Family<HalfNormal>())], defaults: ["scale": 1]),
  .init(name: "Cauchy", doc: "The Cauchy distribution with location `loc` and scale `scale`.",
        variants: [(nil, Family<Cauchy>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "HalfCauchy", doc: "|Cauchy(0, scale)|, a heavy-tailed prior for scales (NumPyro `HalfCauchy`).",
        variants: [(nil, Family<HalfCauchy>())], defaults: ["scale": 1]),
  .init(name: "StudentT", doc: "Student's t with `df` degrees of freedom, location `loc` and scale `scale`.",
        variants: [(nil, Family<StudentT>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "LogNormal", doc: "exp(Normal(loc, scale)).", variants: [(nil, Family<LogNormal>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "Exponential", doc: "The exponential distribution with `rate` (mean 1/rate).",
        variants: [(nil, Family<Exponential>())], defaults: ["rate": 1]),
  .init(name: "Gamma", doc: "The gamma distribution with `concentration` (shape) and `rate` (NumPyro's parameterization).",
        variants: [(nil, Family<Gamma>())], defaults: ["rate": 1]),
  .init(name: "InverseGamma", doc: "1/Gamma(concentration, rate).", variants: [(nil, Family<InverseGamma>())], defaults: ["rate": 1]),
  .init(name: "Beta", doc: "The beta distribution with `concentration1` (α) and `concentration0` (β).",
        variants: [(nil, Family<Beta>())], defaults: [:]),
  .init(name: "Uniform", doc: "The uniform distribution on [low, high].", variants: [(nil, Family<Uniform>())], defaults: ["low": 0, "high": 1]),
  .init(name: "Laplace", doc: "The Laplace (double exponential) distribution.", variants: [(nil, Family<Laplace>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "Logistic", doc: "The logistic distribution.", variants: [(nil, Family<Logistic>())], defaults: ["loc": 0, "scale": 1]),
  .init(name: "Bernoulli", doc: "A coin flip with success probability `probs:` or log-odds `logits:` (NumPyro `Bernoulli`).",
        variants: [(nil, Family<BernoulliProbs>()), ("logits", Family<BernoulliLogits>())], defaults: [:]),
  .init(name: "Binomial", doc: "Successes in `totalCount` trials with probability `probs` (or log-odds `logits:`).",
        variants: [(nil, Family<BinomialProbs>()), ("logits", Family<BinomialLogits>())], defaults: ["totalCount": 1]),
  .init(name: "Poisson", doc: "Counts with mean `rate`.", variants: [(nil, Family<Poisson>())], defaults: [:]),
  .init(name: "NegativeBinomial", doc: "Overdispersed counts with `mean` and `concentration` (NumPyro `NegativeBinomial2`; variance mean + mean²/concentration).",
        variants: [(nil, Family<NegativeBinomial2>())], defaults: [:]),
  .init(name: "NegativeBinomial2", doc: "Overdispersed counts with `mean` and `concentration` (as NumPyro).",
        variants: [(nil, Family<NegativeBinomial2>())], defaults: [:]),
  .init(name: "Geometric", doc: "Failures before the first success, success probability `probs`.",
        variants: [(nil, Family<GeometricProbs>())], defaults: [:]),
]

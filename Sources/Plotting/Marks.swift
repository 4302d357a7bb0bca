/// How a line is stroked.
public struct LineStyle: Sendable {
  public var color: Color
  public var width: Double
  /// Dash and gap lengths in pixels; empty for a solid line.
  public var dash: [Double]
  public var opacity: Double

  public init(color: Color, width: Double = 1.5, dash: [Double] = [], opacity: Double = 1) {
    self.color = color
    self.width = width
    self.dash = dash
    self.opacity = opacity
  }
}

/// Where text sits relative to its anchor point.
public enum TextAnchor: String, Sendable {
  case start, middle, end
}

/// Something drawn in a panel, in data coordinates. Non-finite values are skipped
/// (lines break at them) and never widen the axes.
public enum Mark: Sendable {
  /// A polyline through (x[i], y[i]); `label` names the series in its hover title.
  case line(x: [Double], y: [Double], style: LineStyle, label: String? = nil)
  /// A step function: flat from x[i] to x[i+1] at y[i] (like `where="post"`).
  case step(x: [Double], y: [Double], style: LineStyle, label: String? = nil)
  /// Filled dots; `alpha` is each dot's opacity, so overlaps darken. `hover` says what
  /// each dot is (an observation, a draw) for its hover title and highlight.
  case scatter(x: [Double], y: [Double], color: Color, alpha: Double, radius: Double, hover: PointHover? = nil)
  /// Bars between consecutive `edges` with the given heights, standing on `bottom`.
  case bars(edges: [Double], heights: [Double], bottom: Double, color: Color, alpha: Double)
  /// The area between two curves over the same x values.
  case band(x: [Double], lower: [Double], upper: [Double], color: Color, alpha: Double)
  /// A horizontal line across the panel at y.
  case hrule(y: Double, style: LineStyle)
  /// A vertical line across the panel at x.
  case vrule(x: Double, style: LineStyle)
  /// A segment from (low, at) to (high, at) when horizontal, (at, low)–(at, high) when not:
  /// an interval or error bar.
  case interval(low: Double, high: Double, at: Double, horizontal: Bool, style: LineStyle, label: String? = nil)
  /// Short vertical marks at each x along the bottom of the plot area (a rug), e.g.
  /// divergent transitions.
  case rug(x: [Double], color: Color, length: Double, width: Double)
  /// Text at a data point, shifted by (dx, dy) pixels.
  case text(x: Double, y: Double, text: String, anchor: TextAnchor, size: Double, color: Color, dx: Double, dy: Double)

  /// The data extent along x and y: (minX, maxX, minY, maxY) over finite values that
  /// the scale can show, or nil for that axis.
  func extent(xLog: Bool, yLog: Bool) -> (x: (Double, Double)?, y: (Double, Double)?) {
    func ext(_ vs: [Double], _ log: Bool) -> (Double, Double)? {
      var lo = Double.infinity, hi = -Double.infinity
      for v in vs where v.isFinite && (!log || v > 0) {
        if v < lo { lo = v }
        if v > hi { hi = v }
      }
      return lo <= hi ? (lo, hi) : nil
    }
    func merge(_ a: (Double, Double)?, _ b: (Double, Double)?) -> (Double, Double)? {
      guard let a else { return b }
      guard let b else { return a }
      return (min(a.0, b.0), max(a.1, b.1))
    }
    switch self {
    case .line(let x, let y, _, _), .step(let x, let y, _, _), .scatter(let x, let y, _, _, _, _):
      // Only points finite in both coordinates count.
      var xs: [Double] = [], ys: [Double] = []
      xs.reserveCapacity(x.count)
      ys.reserveCapacity(y.count)
      for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
        xs.append(x[i])
        ys.append(y[i])
      }
      return (ext(xs, xLog), ext(ys, yLog))
    case .bars(let edges, let heights, let bottom, _, _):
      return (ext(edges, xLog), ext(heights.map { $0 + bottom } + [bottom], yLog))
    case .band(let x, let lower, let upper, _, _):
      return (ext(x, xLog), merge(ext(lower, yLog), ext(upper, yLog)))
    case .hrule(let y, _): return (nil, ext([y], yLog))
    case .vrule(let x, _): return (ext([x], xLog), nil)
    case .interval(let low, let high, let at, let horizontal, _, _):
      return horizontal ? (ext([low, high], xLog), ext([at], yLog)) : (ext([at], xLog), ext([low, high], yLog))
    case .rug(let x, _, _, _): return (ext(x, xLog), nil)
    case .text(let x, let y, _, _, _, _, _, _): return (ext([x], xLog), ext([y], yLog))
    }
  }
}

/// What the dots of a scatter mark are, for their hover titles (`<title>` elements, which
/// browsers show as tooltips with no script) and the CSS highlight of the hovered dot.
public struct PointHover: Sendable {
  /// What a dot is: "observation", "draw", "point".
  public var noun: String
  /// Each dot's index in the data it came from (dots may be thinned); nil for 0, 1, 2, ….
  public var indices: [Int]?
  /// Each dot's own label (replaces "noun index"), e.g. a group name.
  public var labels: [String]?

  public init(noun: String, indices: [Int]? = nil, labels: [String]? = nil) {
    self.noun = noun
    self.indices = indices
    self.labels = labels
  }

  /// How dot `i` (of the mark) is named in its title.
  func name(_ i: Int) -> String {
    if let labels, i < labels.count { return labels[i] }
    return "\(noun) \(indices.map { i < $0.count ? $0[i] : i } ?? i)"
  }
}

/// One line of a legend.
public struct LegendEntry: Sendable {
  public enum Kind: Sendable { case line, dashed, dot, box }
  public var label: String
  public var color: Color
  public var kind: Kind
  public init(_ label: String, color: Color, kind: Kind = .line) {
    self.label = label
    self.color = color
    self.kind = kind
  }
}

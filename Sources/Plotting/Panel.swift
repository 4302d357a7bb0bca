/// One set of axes: marks, scales, labels, a title and a legend.
public struct Panel: Sendable {
  public var marks: [Mark] = []
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  public var xScale: ScaleKind = .linear
  public var yScale: ScaleKind = .linear
  /// Fixed axis intervals; nil lets the data decide (with a margin).
  public var xDomain: (Double, Double)?
  public var yDomain: (Double, Double)?
  /// Densities and histograms stand on zero: the y axis starts there with no margin.
  public var yFromZero = false
  /// Labels at chosen y values instead of numeric ticks (forest plots).
  public var yCategories: [(value: Double, label: String)]?
  /// Only whole-number ticks on the x axis (counts).
  public var integerXTicks = false
  /// Hide the numbers on the y axis (densities, where the scale means little).
  public var hideYTickLabels = false
  public var legend: [LegendEntry] = []
  /// Whether the panel joins its row's shared y axis (`Figure.sharedY`); densities on a
  /// pair plot's diagonal do not.
  public var sharesY = true
  /// Text columns to the right of the plot area, aligned with y values (R-hat, ESS).
  public var rightColumns: [(header: String, cells: [(y: Double, text: String)])] = []

  public init(marks: [Mark] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
    self.marks = marks
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// The intervals the axes show.
  func domains() -> (x: (Double, Double), y: (Double, Double)) {
    var xe: (Double, Double)?, ye: (Double, Double)?
    for m in marks {
      let e = m.extent(xLog: xScale == .log, yLog: yScale == .log)
      if let x = e.x { xe = xe.map { (min($0.0, x.0), max($0.1, x.1)) } ?? x }
      if let y = e.y { ye = ye.map { (min($0.0, y.0), max($0.1, y.1)) } ?? y }
    }
    let x = xDomain ?? paddedDomain(xe?.0 ?? .nan, xe?.1 ?? .nan, kind: xScale, margin: 0.04, includesZero: false)
    var y = yDomain ?? paddedDomain(ye?.0 ?? .nan, ye?.1 ?? .nan, kind: yScale, margin: 0.05, includesZero: yFromZero && yScale == .linear)
    if yDomain == nil && yFromZero && yScale == .linear && (ye?.0 ?? 0) >= 0 {
      // Room above the tallest bar or peak, none below zero.
      y = (0, max(y.1, (ye?.1 ?? 1) * 1.05))
    }
    return (x, y)
  }
}

/// Font sizes and spacing shared by every figure.
enum Theme {
  static let fontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
  static let tickFont = 11.0
  static let labelFont = 12.0
  static let titleFont = 13.0
  static let figureTitleFont = 15.0
  static let tickLength = 4.0
  static let legendFont = 11.0
}

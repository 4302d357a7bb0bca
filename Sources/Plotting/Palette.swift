/// An sRGB colour written as `#rrggbb`.
public struct Color: Equatable, Hashable, Sendable {
  public var hex: String
  public init(_ hex: String) { self.hex = hex }

  public static let black = Color("#000000")
  public static let white = Color("#ffffff")
  public static let text = Color("#262626")
  public static let axis = Color("#4d4d4d")
  public static let grid = Color("#e5e5e5")
  public static let red = Color("#d62728")
  public static let gray = Color("#7f7f7f")
}

/// The Okabe–Ito palette: eight colours told apart with every common colour-vision
/// deficiency, ordered so the first four (used for chains) differ most.
///
/// References:
/// 1. M. Okabe, K. Ito. Color Universal Design (CUD): how to make figures and
///    presentations that are friendly to colorblind people. 2008.
public enum Palette {
  public static let colors: [Color] = [
    Color("#0072b2"),  // blue
    Color("#e69f00"),  // orange
    Color("#009e73"),  // bluish green
    Color("#cc79a7"),  // reddish purple
    Color("#56b4e9"),  // sky blue
    Color("#d55e00"),  // vermillion
    Color("#f0e442"),  // yellow
    Color("#000000"),  // black
  ]

  /// The i-th colour, cycling.
  public static func color(_ i: Int) -> Color { colors[((i % colors.count) + colors.count) % colors.count] }
}

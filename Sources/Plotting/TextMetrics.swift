/// Estimated text widths, so labels are placed where they do not collide.
///
/// Widths are Helvetica's advance widths (Adobe AFM, in 1/1000 em), which Arial and
/// Liberation Sans share; the figure asks for that family first. Characters outside
/// ASCII count as 0.6 em. Estimates are padded by 5% because the browser may fall back
/// to a wider sans-serif.
public enum TextMetrics {
  /// Advance widths of ASCII 32…126 in 1/1000 em.
  static let helvetica: [UInt16] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556,  // 0 … 9
    278, 278, 584, 584, 584, 556, 1015,  // : ; < = > ? @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,  // A … M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,  // N … Z
    278, 278, 278, 469, 556, 333,  // [ \ ] ^ _ `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,  // a … m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,  // n … z
    334, 260, 334, 584,  // { | } ~
  ]

  /// The estimated width of `text` at `fontSize` pixels.
  public static func width(_ text: String, fontSize: Double) -> Double {
    var units = 0
    for scalar in text.unicodeScalars {
      let v = Int(scalar.value)
      if v >= 32 && v <= 126 { units += Int(helvetica[v - 32]) } else { units += 600 }
    }
    return Double(units) / 1000 * fontSize * 1.05
  }
}

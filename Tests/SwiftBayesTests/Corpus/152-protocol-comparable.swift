// Comparable with a user-defined < operator.
struct Version: Comparable, CustomStringConvertible {
    var major: Int
    var minor: Int
    static func < (lhs: Version, rhs: Version) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        return lhs.minor < rhs.minor
    }
    var description: String { "\(major).\(minor)" }
}
let versions = [Version(major: 2, minor: 1), Version(major: 1, minor: 9), Version(major: 2, minor: 0)]
print(versions.sorted())
print(versions.max()!, versions.min()!)
print(Version(major: 1, minor: 0) < Version(major: 1, minor: 1))
print(Version(major: 3, minor: 0) > Version(major: 2, minor: 9))
print(Version(major: 2, minor: 0) <= Version(major: 2, minor: 0))
print(versions.sorted(by: >))

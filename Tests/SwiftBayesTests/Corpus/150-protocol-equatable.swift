// Protocols: adopting a protocol using a synthesized implementation.
struct Vector3D: Equatable {
    var x = 0.0, y = 0.0, z = 0.0
}
let twoThreeFour = Vector3D(x: 2.0, y: 3.0, z: 4.0)
let anotherTwoThreeFour = Vector3D(x: 2.0, y: 3.0, z: 4.0)
if twoThreeFour == anotherTwoThreeFour {
    print("These two vectors are also equivalent.")
}
print(twoThreeFour != Vector3D(), Vector3D() == Vector3D(x: 0, y: 0, z: 0))
enum SkillLevel: Comparable {
    case beginner
    case intermediate
    case expert(stars: Int)
}
let a = SkillLevel.beginner
print(a == .beginner, SkillLevel.expert(stars: 3) == .expert(stars: 3), SkillLevel.expert(stars: 3) == .expert(stars: 5))
let vectors = [Vector3D(x: 1), Vector3D(y: 2), Vector3D(x: 1)]
print(vectors.filter { $0 == Vector3D(x: 1) }.count)
print(vectors.contains(Vector3D(y: 2)), vectors.firstIndex(of: Vector3D(y: 2)) ?? -1)

// Infinity, NaN, negative zero and their descriptions.
let inf = Double.infinity
let nan = Double.nan
print(inf)
print(-inf)
print(nan)
print(inf > 1e308)
print(nan == nan)
print(nan != nan)
var z = 0.0
z = -z
print(z)
print(z == 0.0)
let one = 1.0
print(one / 0.0)
print(-one / 0.0)
print(inf.description, nan.description)
print("\(inf) and \(nan)")
print([inf, -inf, 0.5])

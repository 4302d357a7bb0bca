// Implicitly unwrapped optional properties: read and changed as the unwrapped value; nil traps when read.
class City { var name: String; init(_ n: String) { name = n } }
class Country { var capital: City!; var n: Int! = 3 }
let c = Country()
c.capital = City("A")
c.capital.name += "B"
c.n += 1
print(c.capital.name, c.n + 0)
c.capital = nil
print(c.n * 2)
print(c.capital.name)

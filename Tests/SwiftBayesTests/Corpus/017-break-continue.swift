// break and continue in loops.
for i in 1...10 {
    if i % 2 == 0 {
        continue
    }
    if i > 7 {
        break
    }
    print("odd", i)
}
var k = 0
while true {
    k += 1
    if k == 4 {
        break
    }
}
print("k =", k)
var found = -1
let data = [5, 8, 13, 21, 34]
for (idx, v) in data.enumerated() {
    if v > 10 {
        found = idx
        break
    }
}
print("first index > 10:", found)
for i in 0..<3 {
    for j in 0..<3 {
        if j == i {
            continue
        }
        if j > 1 {
            break
        }
        print(i, j)
    }
}

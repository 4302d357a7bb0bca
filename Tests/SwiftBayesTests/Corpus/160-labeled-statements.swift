// Control Flow: labeled statements.
let finalSquare = 25
var board = Array(repeating: 0, count: finalSquare + 1)
board[03] = +08; board[06] = +11; board[09] = +09; board[10] = +02
board[14] = -10; board[19] = -11; board[22] = -02; board[24] = -08
var square = 0
var diceRoll = 0
gameLoop: while square != finalSquare {
    diceRoll += 1
    if diceRoll == 7 { diceRoll = 1 }
    switch square + diceRoll {
    case finalSquare:
        break gameLoop
    case let newSquare where newSquare > finalSquare:
        continue gameLoop
    default:
        square += diceRoll
        square += board[square]
    }
}
print("Game over! square \(square), last roll \(diceRoll)")
var pairs: [(Int, Int)] = []
outer: for i in 1...4 {
    inner: for j in 1...4 {
        if j > i { continue outer }
        if i * j > 6 { break outer }
        pairs.append((i, j))
    }
}
print(pairs)
print(pairs.count)

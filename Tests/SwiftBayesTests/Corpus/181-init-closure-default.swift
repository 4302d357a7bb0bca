// Initialization: a default property value set by a closure, run once per instance.
struct Chessboard {
    let boardColors: [Bool] = {
        var temporaryBoard: [Bool] = []
        var isBlack = false
        for i in 1...8 {
            for j in 1...8 {
                temporaryBoard.append(isBlack)
                isBlack = !isBlack
            }
            isBlack = !isBlack
        }
        return temporaryBoard
    }()
    func squareIsBlackAt(row: Int, column: Int) -> Bool {
        return boardColors[(row * 8) + column]
    }
}
let board = Chessboard()
print(board.squareIsBlackAt(row: 0, column: 1))
print(board.squareIsBlackAt(row: 7, column: 7))
print(board.boardColors.filter { $0 }.count)
var made = 0
struct Ticket {
    let number: Int = {
        made += 1
        return made * 100
    }()
    var holder: String
}
let a = Ticket(holder: "Ann")
let b = Ticket(holder: "Bo")
print(a.number, b.number, made)

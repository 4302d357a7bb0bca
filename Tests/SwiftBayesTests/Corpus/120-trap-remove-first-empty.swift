// removeFirst on an empty queue traps.
var queue = ["job1", "job2"]
func process() {
    let job = queue.removeFirst()
    print("processing", job, "left:", queue.count)
}
process()
process()
print("queue empty:", queue.isEmpty)
process()
print("unreachable")

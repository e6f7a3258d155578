// A binary heap that hands out the smallest element first: both tokenizers keep their candidate
// merges in one, so the best merge is always found without rescanning the word.

struct PriorityQueue<Element: Comparable> {
    private var heap: [Element] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
    }

    mutating func push(_ element: Element) {
        heap.append(element)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if !(element < heap[parent]) { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = element
    }

    mutating func popSmallest() -> Element? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let smallest = heap[0]
        let count = heap.count
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1] < heap[child] { child += 1 }
            if !(heap[child] < last) { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return smallest
    }
}

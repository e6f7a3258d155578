// One turn of a conversation, as the chat template sees it.

struct ChatMessage: Sendable, Equatable {
    enum Role: String, Sendable {
        case system, user, assistant
    }

    var role: Role
    var content: String

    init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}

// Chat templates are recognised from the model's template text and rendered without running it.

import Testing
@testable import Engine

@Suite("Chat")
struct ChatTests {
    static let smolLM2Template = """
        {% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}
        """

    @Test("SmolLM2's template is ChatML with its default system turn")
    func smolLM2() throws {
        let template = try ChatTemplate.recognize(Self.smolLM2Template)
        #expect(template == .chatML(defaultSystem: "You are a helpful AI assistant named SmolLM, trained by Hugging Face"))
        let text = template.render([ChatMessage(role: .user, content: "Hi")])
        #expect(text == """
            <|im_start|>system
            You are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>
            <|im_start|>user
            Hi<|im_end|>
            <|im_start|>assistant

            """)
    }

    @Test("a conversation with its own system turn does not get the default one")
    func ownSystem() throws {
        let template = try ChatTemplate.recognize(Self.smolLM2Template)
        let text = template.render([
            ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hi"),
            ChatMessage(role: .assistant, content: "Hello."), ChatMessage(role: .user, content: "Bye"),
        ])
        #expect(text.hasPrefix("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"))
        #expect(text.hasSuffix("<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n"))
    }

    @Test("Llama 3 and [INST] templates are recognised by their markers")
    func others() throws {
        let llama3 = "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}"
        #expect(try ChatTemplate.recognize(llama3) == .llama3)
        #expect(ChatTemplate.llama3.render([ChatMessage(role: .user, content: "Hi")])
            == "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n")
        #expect(try ChatTemplate.recognize("{{ '[INST] ' + message['content'] + ' [/INST]' }}") == .instruct)
        #expect(ChatTemplate.instruct.render([ChatMessage(role: .user, content: "Hi")]) == "<s>[INST] Hi [/INST]")
    }

    @Test("an unknown or missing template is a clear error, not a guess")
    func unknown() {
        #expect(throws: ChatTemplateError.missing) { try ChatTemplate.recognize(nil) }
        do {
            _ = try ChatTemplate.recognize("{{ messages | tojson }}")
            Issue.record("an unknown template was accepted")
        } catch {
            #expect(error.description.contains("never runs template code"))
        }
    }

    @Test("a default system turn built from an expression is not taken as a literal")
    func notLiteral() throws {
        let template = "{% if messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\n' + default_system + '<|im_end|>' }}{% endif %}"
        #expect(try ChatTemplate.recognize(template) == .chatML(defaultSystem: nil))
    }
}

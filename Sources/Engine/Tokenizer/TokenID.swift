// A token's number in the model's vocabulary: one type from the tokenizer through the model,
// the sampler, the generator and the chat. 32 bits, as llama.cpp's `llama_token`: vocabularies
// are far smaller, and the tokenizer refuses one that is not.

public typealias TokenID = Int32

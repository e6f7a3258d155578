// HomePath: a path under the home folder is shown from "~"; anything else as it is.

import PlainText
import Testing

@Suite("Paths shown from the home folder")
struct HomePathTests {
    @Test("a path under home starts with ~; home itself is ~; a trailing slash on home changes nothing")
    func underHome() {
        #expect(HomePath.shown("/home/ada/.local/share/onramp/models/blobs/sha256-ab", home: "/home/ada") == "~/.local/share/onramp/models/blobs/sha256-ab")
        #expect(HomePath.shown("/home/ada", home: "/home/ada") == "~")
        #expect(HomePath.shown("/home/ada/x.gguf", home: "/home/ada/") == "~/x.gguf")
    }

    @Test("a path elsewhere, a neighbour whose name starts like home, no home, an empty home and / are left alone")
    func elsewhere() {
        #expect(HomePath.shown("/store/blobs/sha256-ab", home: "/home/ada") == "/store/blobs/sha256-ab")
        #expect(HomePath.shown("/home/adam/x.gguf", home: "/home/ada") == "/home/adam/x.gguf")
        #expect(HomePath.shown("/home/ada/x.gguf", home: nil) == "/home/ada/x.gguf")
        #expect(HomePath.shown("/home/ada/x.gguf", home: "") == "/home/ada/x.gguf")
        #expect(HomePath.shown("/x.gguf", home: "/") == "/x.gguf")
        #expect(HomePath.shown("relative/x.gguf", home: "/home/ada") == "relative/x.gguf")
    }
}

// TUI: terminal UI framework — frames of styled cells, widgets, key events, the run loop.
// The Terminal protocol has an ncurses backend and an in-memory backend for tests.

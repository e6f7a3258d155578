// Tests for TUI.

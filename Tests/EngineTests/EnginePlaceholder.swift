// Tests for Engine.

// Tests for Probe.

// Tests for Doctor.

// Tests for Wizard.

// Results of the wizard's background work, delivered back to `update`. No step runs work yet;
// Scan, Checks, Download and Self-test add their results here as they arrive.

public enum WizardMessage: Sendable {}

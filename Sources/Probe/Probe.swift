// Probe: gathers MachineFacts (CPU, memory, disks, GPUs, drivers, OS, environment)
// through a SystemSource — live from this machine, or replayed from a profile folder.

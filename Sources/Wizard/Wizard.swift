// Wizard: the setup screens as state + update + view, and the flow between them.

// Doctor: pure checks MachineFacts -> [Finding], each with evidence and a per-distro fix.

"""Rule modules, one per subject (the prefix of the finding codes they produce)."""

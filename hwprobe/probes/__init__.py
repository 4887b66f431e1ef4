"""Framework probes: each framework is imported only in its own child interpreter."""

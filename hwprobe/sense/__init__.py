"""Detectors: the only code (with probes/) that touches the machine, always through a HostIO."""

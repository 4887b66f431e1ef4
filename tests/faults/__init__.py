"""Reusable fault-injection harness: fake frameworks and driver tools as real files, hostile
environments, process and leak checks. Later commands (record, advise, bench, explain) plug in here."""

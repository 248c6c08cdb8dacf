"""How the build gets reports into the store fast and safely: files read and mapped by worker
processes with a time limit each (`workers`), files unchanged since the last build skipped by
their digest (`fingerprint`, `state`), a store left half-done by a crash healed (`state`), and
each authority's derived graphs (shared nodes, links) rewritten in one transaction (`derived`).
"""

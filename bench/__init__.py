"""briefgen's benchmark suite: synthetic briefs, and the figures the performance targets name.

Run everything with `python -m bench`; see bench/README.md.
"""

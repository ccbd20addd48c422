"""Benchmarks for careerbot: `python -m bench` (or `make bench`).

Every figure is printed next to a baseline measured in the same run, so the
ratios stay meaningful on any machine; nothing here passes or fails on speed.
"""

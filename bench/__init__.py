"""Benchmarks and offline graders; each script prints its figures."""

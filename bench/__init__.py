"""Benchmarks: commands that print tables (python -m bench.speed, python -m bench.quality); not tests."""

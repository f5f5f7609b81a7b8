"""Helpers shared by the test suite: the loopback HTTP server (loopback.py).

Importable as `support.loopback` because tests/conftest.py puts tests/ on sys.path."""

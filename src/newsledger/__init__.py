"""newsledger: capture every version of every news report, diff, classify, keep it in DuckDB."""

__version__ = "0.1.0"

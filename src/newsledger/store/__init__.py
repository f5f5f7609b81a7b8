"""The warehouse: the only code that imports duckdb (warehouse, with its SQL in queries/), the
one-writer lock (locking), Parquet staging between runs (staging) and the invariant check
(check). Schema migrations and the analysts' views live in warehouse/ at the top of the checkout.

May import: text (hashes), models, config; never capture, changes, stories, outputs, runs or cli:
it stores what it is given and decides nothing about it.
"""

"""The benchmark harness: a generated newsroom served on 127.0.0.1 and the measures taken on it.

Entry point: `bench.run.run_bench(size, out)`; see bench/README.md and docs/PERFORMANCE.md.
"""

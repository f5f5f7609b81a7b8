"""The benchmark harness behind `newsledger bench`: a generated newsroom (wording, corpus,
render) served on 127.0.0.1 (server), one function per measure (ingest_measures, diff_measures,
warehouse_measures), and the sizes, targets and table (run).

May import every stage and runs; never cli. Results go to bench/results/ under the working
folder unless --out says otherwise.
"""

"""One event across outlets: key figures (killed, injured, ...) found in sentences (facts) and
reports grouped into stories with their fact timelines (grouping).

Pure functions. May import: text, models, config; never capture, changes, store, outputs, runs
or cli. Storing stories is the run's job (runs.storylines).
"""

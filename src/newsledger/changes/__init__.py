"""What changed between two versions of a report: when a capture is a new version (versioning),
the sentence and word diff (diffing), correction notes (notes), and the kind of each change and
the status of each transition (classify).

Pure functions over models. May import: text, models, config; never capture, store, outputs,
runs or cli.
"""

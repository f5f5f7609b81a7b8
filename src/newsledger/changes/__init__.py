"""What changed between two versions of a report: when a capture is a new version (versioning),
the sentence and word diff (diffing), correction notes (notes), the kind of each change (kinds,
reading the word lists and token sides in words), which change each note describes (links), and
the status of each transition (status).

Pure functions over models. May import: text, models, config; never capture, store, outputs,
runs or cli.
"""

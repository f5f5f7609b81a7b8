"""The sequencing of a run: seeds -> versions -> warehouse (pipeline), feeds -> pages -> text ->
versions -> warehouse (live, over polling, pages, fetches and options), WARC re-extraction and
import (archive), story refresh after a run (storylines), the run summary, and the synthetic
warehouse the report and benchmark use.

May import every stage below it (text, capture, changes, stories, store, outputs, models,
config); never cli. Prefect flows (flows/) and the command line call these.
"""

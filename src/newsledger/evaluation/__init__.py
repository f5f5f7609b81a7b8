"""Labelled sets and scoring for `newsledger eval`: change kinds, notes and statuses; figures and
story pairs.

May import the stages and runs (it scores what a run would store); never cli or bench.
"""

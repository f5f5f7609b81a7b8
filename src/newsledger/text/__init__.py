"""Bytes to article text: HTML extraction (trafilatura), Unicode/whitespace normalisation and
hashes, paragraph and sentence segmentation, and the canonical URLs extraction reads from a page.

Pure functions, no I/O beyond their arguments. May import: models and config only; never capture
(extraction must run on bytes from anywhere: the network, a WARC file, a seed) nor any later stage.
"""

"""Everything that brings bytes in: the sources file, feed parsing, the HTTP policy (fetch) and
its private-address guard (netguard), robots.txt and per-host politeness, the WARC archive of
raw captures, and the seed reader.

fetch is the only module on the network. May import: text, models, config; never changes,
stories, store, outputs, runs or cli.
"""

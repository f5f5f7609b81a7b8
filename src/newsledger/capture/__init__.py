"""Everything that brings bytes in: the sources file (sources, its table checks in
toml_checks), feed parsing, the HTTP policy (fetch) with its error classes (fetch_errors),
private-address guard (netguard), robots.txt (robots), per-host politeness (politeness) and
body decoding (decoding), the WARC archive of raw captures, and the seed reader.

fetch is the only module on the network. May import: text, models, config; never changes,
stories, store, outputs, runs or cli.
"""

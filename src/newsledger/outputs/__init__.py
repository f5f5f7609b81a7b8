"""What people read: the correction log (report_data loads it, report renders it with
templates/) in HTML, Markdown, CSV, JSON and Atom, editors' reviews, webhook notifications, and
the Parquet export.

May import: store, stories, changes, capture (the HTTP policy, for webhooks), text, models,
config; never runs or cli.
"""

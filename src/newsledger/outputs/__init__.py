"""What people read: the correction log (report_data loads it, report renders it with
templates/, legend says what its labels mean) in HTML, Markdown, CSV, JSON and Atom, editors'
reviews (reviews, and review_journal for those sent while an ingest writes), the editors'
web app (web, web_routes, web_data, web_security, templates/web/), webhook notifications,
and the Parquet export.

May import: store, stories, changes, capture (the HTTP policy, for webhooks), text, models,
config; never runs or cli.
"""

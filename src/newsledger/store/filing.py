"""A batch's watch rows follow its captures: a fetched page's article row and the aliases that
are its own URL name the report its capture was filed under.

A page is staged under the report its canonical URL claims; versioning may refuse that claim
(another site, a home or section front, another headline) and file the capture under the
page's own URL. Written as staged, the page's fetch URL, etag and aliases would land on the
claimed report, and the next refetch would read the claimant's page as that report.
"""

from __future__ import annotations

from dataclasses import replace

from newsledger.models import ArticleRecord, IngestBatch


def follow_filed_captures(batch: IngestBatch) -> IngestBatch:
    """The batch with each page's article row and own-URL aliases moved to the report its
    capture was filed under; unchanged when every capture went where it was staged."""
    filed = {c.source: c.report_id for c in batch.captures}
    final_of = {f.url: f.final_url for f in batch.fetches if f.final_url}
    # The report each fetched URL's capture went to, by the URL asked for and the one answered.
    report_of: dict[str, str] = {}
    for asked, answered in final_of.items():
        if answered in filed:
            report_of[asked] = report_of[answered] = filed[answered]
    if not report_of:
        return batch
    own_url = {r.report_id: r.url for r in batch.reports}
    articles: dict[str, ArticleRecord] = {}
    for article in batch.articles:
        report_id = report_of.get(article.fetch_url, article.report_id)
        if report_id != article.report_id:
            canonical = own_url.get(report_id) or article.fetch_url
            article = replace(article, report_id=report_id, canonical_url=canonical)
        articles[report_id] = article
    aliases = [(alias, report_of.get(alias, report_id)) for alias, report_id in batch.aliases]
    return replace(batch, articles=list(articles.values()), aliases=aliases)

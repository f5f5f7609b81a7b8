-- When derived data (stories, story_reports, fact_timeline) was last rebuilt, and from how
-- many versions. Versions are only ever added, so a different count now means versions came
-- in after the build (a run killed between its last batch and the rebuild, a full disk):
-- the next ingest rebuilds, and `newsledger check` reports it until then. A warehouse from
-- before this step has no row, so its stories are rebuilt once.
CREATE TABLE derived_state (
    name          VARCHAR PRIMARY KEY,   -- 'stories': stories, story_reports, fact_timeline
    built_at      TIMESTAMPTZ NOT NULL,
    versions_seen BIGINT NOT NULL
);

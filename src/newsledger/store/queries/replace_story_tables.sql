DELETE FROM fact_timeline;
DELETE FROM story_reports;
DELETE FROM stories;

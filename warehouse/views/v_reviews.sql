-- One row per reviewed correction-log entry: its latest review (ties go to the later row).
CREATE OR REPLACE VIEW v_reviews AS
SELECT
    entry_id,
    status AS review_status,
    note AS review_note,
    reviewed_by,
    reviewed_at,
    count(*) OVER (PARTITION BY entry_id) AS n_reviews
FROM reviews
QUALIFY row_number() OVER (PARTITION BY entry_id ORDER BY reviewed_at DESC, review_no DESC) = 1;

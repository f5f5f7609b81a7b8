-- The newest fetch with a stored 200 response for each watched article.
SELECT report_id, url, final_url, fetched_at, warc_file, warc_offset, warc_length,
       is_revisit, body_sha256
FROM fetches
WHERE report_id IS NOT NULL AND warc_file IS NOT NULL AND status = 200 AND purpose = 'page'
QUALIFY row_number() OVER (PARTITION BY report_id ORDER BY fetched_at DESC, fetch_id DESC) = 1
ORDER BY report_id;

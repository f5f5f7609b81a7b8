-- Fetches already held whose body has one of the given SHA-256 digests: (final URL, time,
-- digest) is a capture's identity, so a WARC record of one of them is not imported again.
SELECT final_url, fetched_at, body_sha256
FROM fetches
WHERE body_sha256 IN (SELECT unnest(?::VARCHAR[])) AND final_url IS NOT NULL;

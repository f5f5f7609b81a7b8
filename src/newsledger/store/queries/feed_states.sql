SELECT feed_name, url, last_polled_at, etag, last_modified, last_problem FROM feed_state;

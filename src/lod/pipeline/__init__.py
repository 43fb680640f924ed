"""From article files to a built store: preparing each article (read, extract, correct, map, validate), the
corrections file, the build manifest, staging a new store, and the build and ingest commands (``build``)."""

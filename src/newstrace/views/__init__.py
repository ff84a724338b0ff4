"""Readable views over a store: quotes with their chains, entities, a dated timeline, treaty
status. Each view is a list of plain dict rows, so the CLI, the HTTP API and the web UI
share them."""

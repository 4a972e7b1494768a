"""Candidates' evidence items and their files, mapped to performance criteria: upload, replace, store, download."""

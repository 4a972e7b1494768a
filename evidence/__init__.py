"""Candidates' evidence items and their files, mapped to performance criteria (built in a later issue)."""

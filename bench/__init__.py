"""Benchmarks and drills, run as scripts from the checkout; the scale seeder is imported from here by a test."""

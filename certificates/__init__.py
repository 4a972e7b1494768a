"""Certificates of competence: issued, rendered as PDF and Open Badge, verified, revoked, and read by HR and its API."""

"""Assessors at work: allocation, judging each criterion, decisions, leases, moderation and agreement."""

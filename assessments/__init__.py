"""Assessment cases, the written exam and the assessors' judgments (built in later issues)."""

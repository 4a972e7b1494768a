"""What judging announces to the apps above it, which it must not know: a case's outcome became final or changed."""
from django.dispatch import Signal

# Sent inside the transaction that records the outcome, so a receiver's writes commit or roll back with it.
# Arguments: case, competent (bool), by (the person deciding), reason (str, empty on a first release).
case_outcome_changed = Signal()

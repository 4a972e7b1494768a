"""A candidate's assessment case: enrolment, submission, its states and their history, and who is allocated to it."""

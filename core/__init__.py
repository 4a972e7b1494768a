"""The floor every app stands on: dates, languages, PDFs and Thai fonts, jobs, admin mixins; it imports no app."""

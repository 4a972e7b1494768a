"""The portal's shell: layout, home page, health check, Buddhist-Era dates and language helpers."""

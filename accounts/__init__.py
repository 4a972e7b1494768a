"""People who use the portal: their names, agencies and roles, sign-in and registration."""

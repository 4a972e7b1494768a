"""The blueprint workspace where candidates design their future digital organisation (built in a later issue)."""

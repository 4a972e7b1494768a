"""The blueprint workspace where candidates design their future digital organisation, section by section."""

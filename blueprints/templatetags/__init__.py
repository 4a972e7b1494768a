"""Template tags of the blueprint workspace."""

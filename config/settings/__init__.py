"""Settings split by where the portal runs: base, local, test, production."""

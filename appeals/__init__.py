"""Appeals against released decisions and complaints about the process, with the case timeline that records them."""

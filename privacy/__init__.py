"""Personal data under Thailand's PDPA: a person's own copy of their data, erasure requests, anonymisation."""

"""The competency standard as data: units, their revisions, elements, criteria and the guide text."""

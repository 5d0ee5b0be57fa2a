"""The report: its model, reading and checking the format, the parse cache, the report file."""

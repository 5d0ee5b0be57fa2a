"""Export: metrics as CSV and JSON, the whole report as Markdown."""

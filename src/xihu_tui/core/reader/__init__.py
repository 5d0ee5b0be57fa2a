"""The reader's session: their place and history, their editor, their copy, the file watched."""

"""Text as the report prints it: Chinese numbers and units, line breaking, pinyin, safe display."""

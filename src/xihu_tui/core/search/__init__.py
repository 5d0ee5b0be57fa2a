"""Search: the index, matching (pinyin, folded forms, comparisons), sessions and printed output."""

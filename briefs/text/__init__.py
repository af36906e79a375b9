"""Text tools every stage shares: the lexicon and measure_words (every word class once),
tokens (folding, stems, clauses), sentences (the one segmentation), amounts (the one
figure reader) and names (when two names or two posts are the same)."""


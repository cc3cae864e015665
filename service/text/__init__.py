"""The text pipeline: segmenting, tokenizing, ranking, selecting and keywords; no web code here."""

"""Evaluation against the hand-checked gold set (``make eval``)."""

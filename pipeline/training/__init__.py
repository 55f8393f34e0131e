"""Training and evaluating the theme and stance models: above the pipeline, never below it.

The annotated corpus is joined to its text by running the pipeline's own stages on the
reports (``corpus``); ``train`` compares the methods by grouped cross-validation and ships the
winner with its ``meta.json`` and generated model card (``model_card``); ``evaluation`` holds
the scores; ``textcat`` trains spaCy's text categorisers. Nothing in ``pipeline`` below
``api`` imports from here. ``python -m pipeline.training`` is ``make train``.
"""

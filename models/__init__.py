"""The trained models, shipped inside the installed package as ``pipeline.models`` (this folder
is mapped there in ``pyproject.toml``): one folder per model with its artefacts, ``meta.json``
and generated ``MODEL_CARD.md``. No code lives here."""

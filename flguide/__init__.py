"""FL Interview Guide: load → validate → render → export the question bank.

One module per stage: `load` (YAML with positions), `model` and `validate` (what a good
bank is), `render` (Jinja2 templates to Markdown pages and quiz data), `export` (atomic
writes into docs/), plus `pdf` and `decks` for the downloads.
"""

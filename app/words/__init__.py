"""The catalogue of words: every sentence the program says to a person, Thai first with
its English twin, looked up by name.

One module per area (``app/words/<area>.py``: card, staff, authen, nhso, tokens, settings,
reports, verify, doctor, desk, store, files, …). A fixed sentence is a module constant in
UPPER_SNAKE_CASE holding a `Message`; a sentence with blanks to fill is a function in
lower_snake_case returning one. The window, the CLI, ``doctor`` and the self-test all take
the same entry, so one failure has one wording everywhere::

    from app.words import nhso as nhso_words
    show(nhso_words.AGENT_UNREACHABLE)

`Message(` is built here and nowhere else (a test in tests/test_code_quality.py holds it).
"""

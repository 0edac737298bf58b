"""The shared store: the clinic's MariaDB/MySQL server where several desks meet (issue 22).

The local SQLite visit log stays the write-ahead of every attempt; each visit is pushed
here idempotently (a global id per visit, the desk's name). Clinic-wide queries, the
same-day duplicate check across desks and the wrong-PIN counts under a row lock live here.
Light on purpose: PyMySQL loads only in app.store.server.
"""

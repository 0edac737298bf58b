"""Reports for the clinic head and for NHSO: the visit export, the staff list for a token
request, and the reconciliation against NHSO's own "รายงานการขอ Authen code" export.

No Qt here: the window and the CLI both call these functions. openpyxl is imported by the
modules that write or read .xlsx, never by this package's __init__, so the CLI stays fast.
"""

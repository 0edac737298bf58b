"""verify-day: each visit of a day checked against NHSO's authen-status service."""

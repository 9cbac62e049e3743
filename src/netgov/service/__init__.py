"""The service layer: every workflow the API, the console and the CLI share.

Services open a unit of work, ask ``authorize`` before acting, write the change and its
audit events, and commit once. Edges only translate requests into these calls.
"""

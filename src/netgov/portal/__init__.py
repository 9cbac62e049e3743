"""The public portal: filing notices, following them, reading a statement, appealing.

Nobody signs in. Every page is reached by what the visitor holds (a query code, a
statement's token), and every form is rate-limited and CSRF-protected with a
double-submit cookie.
"""

"""The enforcement network: regulator offices, their cases, routing, deadlines and orders.

Pure domain code: no I/O, no clock reads, no database. Time comes in as arguments.
"""

"""The ``netgov`` command line: thin commands over the library."""

"""Built-in detector families. Each module is one family; all register through plugins."""

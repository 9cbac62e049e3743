"""The domain core: types, the rulebook compiler and the engine. Pure: no I/O, no clock."""

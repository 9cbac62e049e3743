"""The rulebook compiler: source files in, a validated Rulebook with its Plan out."""

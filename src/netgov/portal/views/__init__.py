"""One module per portal page (or small group of pages)."""

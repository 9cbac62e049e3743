"""The console's pages; each module translates a request for one service and renders the answer."""
